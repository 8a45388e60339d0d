import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { captureIo } from '../support/io.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snac-cli-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('snac emulator', () => {
  it('listens on a free port with --port 0, serves the seed, and saves --data state that survives a restart', async () => {
    const data = join(dir, 'state.json');
    const first = captureIo();
    const running = main(['emulator', '--port', '0', '--seed', 'empty', '--data', data], first);
    await waitFor(() => first.out().includes('listening on'), 'the listening line');
    const url = /snac emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first.out())?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const auth = { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, Accept: 'application/json', 'Content-Type': 'application/json' };
    const created = await fetch(`${url}/api/now/table/sys_user_group`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Persisted Group' }) });
    expect(created.status).toBe(201);
    first.interrupt();
    expect(await running).toBe(0);
    expect(await readFile(data, 'utf8')).toContain('Persisted Group');

    const second = captureIo();
    const again = main(['emulator', '--port', '0', '--data', data], second);
    await waitFor(() => second.out().includes('listening on'), 'the second listening line');
    const url2 = /listening on (\S+)/.exec(second.out())?.[1] ?? '';
    expect(second.out()).toContain(`state loaded from ${data}`);
    const found = await fetch(`${url2}/api/now/table/sys_user_group?name=Persisted Group`, { headers: auth });
    expect(((await found.json()) as { result: unknown[] }).result).toHaveLength(1);
    second.interrupt();
    expect(await again).toBe(0);
  });

  it('stops cleanly on SIGTERM, as a script or CI stops it, saying which signal it got', async () => {
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), 'emulator', '--port', '0', '--seed', 'empty']);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(() => out.includes('listening on'), 'the listening line');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).toBe('\nsnac: stopping on SIGTERM (a second signal quits at once)\n');
    expect(out).toContain('snac emulator stopped\n');
  });

  it('rejects a bad seed and a bad port with the usage', async () => {
    const io = captureIo();
    expect(await main(['emulator', '--seed', 'huge'], io)).toBe(1);
    expect(io.err()).toContain('unknown seed "huge": use empty, demo, scale:N');
    expect(io.err()).toContain('Usage: snac emulator');
    const port = captureIo();
    expect(await main(['emulator', '--port', '70000'], port)).toBe(1);
    expect(port.err()).toContain('--port must be 0..65535');
  });

  it('prints its help, documenting seeds, credentials and the control endpoints', async () => {
    const io = captureIo();
    expect(await main(['emulator', '--help'], io)).toBe(0);
    expect(io.out()).toContain('--seed <name>');
    expect(io.out()).toContain('svc_snac / snac');
    expect(io.out()).toContain('/__snac/');
  });
});

describe('the built CLI (dist/, what `npx snac` runs)', () => {
  it('is an executable with a node shebang, as npx runs it directly', async () => {
    expect(statSync('dist/cli.js').mode & 0o111).not.toBe(0);
    const child = spawn(join(process.cwd(), 'dist', 'cli.js'), ['--help']);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out).toContain('snac: ServiceNow access as code');
  });

  it('runs `snac demo` end to end: plans accounts/ against the demo company as svc_snac', async () => {
    const child = spawn(process.execPath, ['dist/cli.js', 'demo'], { cwd: process.cwd() });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out).toContain('planning accounts/ against it as svc_snac');
    expect(out).toMatch(/~ update ServiceAccount svc_jira_sync .*\n(.*\n)*?\s+web_service_access_only: false → true/);
    expect(out).toMatch(/\nPlan: .*\.\n/);
    expect(out).not.toContain('snac demo: error');
  });
});
