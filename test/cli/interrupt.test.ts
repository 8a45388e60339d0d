import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import type { LatencyProfile } from '../../src/emulator/limits/profile.js';
import { startEmulatorServer } from '../../src/emulator/http/server.js';
import { main } from '../../src/main.js';
import { RECONCILER_ENV, writeApplyProject } from '../support/apply-project.js';
import { captureIo } from '../support/io.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function slowInstance(latency: LatencyProfile): Promise<string> {
  const server = await startEmulatorServer(new Emulator({ seed: 'empty', limits: { latency } }), 0);
  closers.push(() => server.close());
  return server.url;
}

async function project(url: string): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'snac-interrupt-'));
  writeApplyProject(root, url, { prefix: 'i', accounts: 6 });
  return root;
}

const journalLines = (root: string): number => {
  const dir = join(root, '.snac', 'journal');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((n, file) => n + readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => l.trim() !== '').length, 0);
};

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('Ctrl-C', () => {
  it('stops a plan at once while it reads: exit 130, nothing written', async () => {
    const root = await project(await slowInstance({ roundTripMs: 300, transactionMs: 0, rowReadMs: 0, writeMs: 0 }));
    const io = captureIo(RECONCILER_ENV, root);
    const running = main(['plan'], io);
    setTimeout(() => io.interrupt(), 50);
    expect(await running).toBe(130);
    expect(io.err()).toBe('snac plan: interrupted; nothing was written\n');
    expect(io.out()).toBe('');
  });

  it('during an apply starts no new write, lets the one in flight finish and journal, exits 130 saying how to resume; the same apply then finishes', async () => {
    const root = await project(await slowInstance({ roundTripMs: 0, transactionMs: 0, rowReadMs: 0, writeMs: 50 }));
    expect(await main(['plan', '--out', 'plan.json'], captureIo(RECONCILER_ENV, root))).toBe(2);
    const io = captureIo(RECONCILER_ENV, root);
    const running = main(['apply', '--plan', 'plan.json', '--concurrency', '1'], io);
    await until(() => journalLines(root) >= 1);
    io.interrupt();
    expect(await running).toBe(130);
    const journal = readdirSync(join(root, '.snac', 'journal'))[0] ?? '';
    const lines = readFileSync(join(root, '.snac', 'journal', journal), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { outcome: string; action: string; kind: string; key: string });
    const id = (l: { action: string; kind: string; key: string }) => `${l.action} ${l.kind} ${l.key}`;
    // The write in flight finished: every write that started has its outcome in the journal.
    const started = lines.filter((l) => l.outcome === 'started').map(id);
    expect(started.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.outcome === 'ok').map(id)).toEqual(started);
    expect(io.err()).toMatch(new RegExp(`^snac apply: interrupted: \\d+ of \\d+ writes were not started; those in flight finished, and every write is in the journal \\.snac/journal/${journal.replace(/\./g, '\\.')}\\. Run the same snac apply again to finish the rest: nothing is written twice\\.\\n$`));
    const notStarted = Number(/interrupted: (\d+) of/.exec(io.err())?.[1]);
    expect(notStarted).toBeGreaterThan(0);

    const again = captureIo(RECONCILER_ENV, root);
    expect(await main(['apply', '--plan', 'plan.json'], again)).toBe(0);
    expect(again.out()).toContain('the instance matches the declarations');
  });

  it('a second time ends the process at once, without waiting for the write in flight', async () => {
    // Each write takes 3 s (the apply lock's claim too): ending within 2 s did not wait for one.
    const root = await project(await slowInstance({ roundTripMs: 0, transactionMs: 0, rowReadMs: 0, writeMs: 3_000 }));
    expect(await main(['plan', '--out', 'plan.json'], captureIo(RECONCILER_ENV, root))).toBe(2);
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), 'apply', '--plan', 'plan.json', '--concurrency', '1'], { cwd: root, env: { ...process.env, ...RECONCILER_ENV, CI: '1' } });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until(() => journalLines(root) >= 1);
    child.kill('SIGINT');
    await until(() => err.includes('snac: stopping'));
    const second = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - second).toBeLessThan(2_000);
    expect(err).toBe('\nsnac: stopping (Ctrl-C again to quit at once)\n\nsnac: stopped at once; run the same command again to finish (snac apply resumes from the instance, nothing is written twice)\n');
  });
});
