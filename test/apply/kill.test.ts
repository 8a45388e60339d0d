import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { startEmulatorServer } from '../../src/emulator/http/server.js';
import { main } from '../../src/main.js';
import { duplicateRows, RECONCILER_ENV, writeApplyProject } from '../support/apply-project.js';
import { captureIo } from '../support/io.js';

/**
 * `snac apply`, as snac's least-privileged account, killed (SIGKILL) at different points of
 * its journal; running the same reviewed plan again must finish the rest and converge, with
 * nothing created twice. Every other point resumes from a fresh checkout, without the journal
 * (as CI does, which keeps none). `npm test` kills at 3 points: after the first line of the
 * journal, halfway and after the last; `npm run test:kill` at 20 spread over the journal
 * (SNAC_KILL_POINTS).
 */
const ACCOUNTS = 8;
const POINTS = Number(process.env['SNAC_KILL_POINTS'] ?? '3');
/** Journal lines after which to kill: spread evenly over the 42 lines of a full run. */
const killPoints = Array.from({ length: POINTS }, (_, point) => 1 + Math.floor((point * 41) / Math.max(1, POINTS - 1)));
const env = RECONCILER_ENV;

const journalLines = (root: string): number => {
  const dir = join(root, '.snac', 'journal');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((n, file) => n + readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => l.trim() !== '').length, 0);
};

async function killAfter(root: string, lines: number): Promise<'killed' | 'finished'> {
  const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), 'apply', '--plan', 'plan.json', '--concurrency', '1'], { cwd: root, env: { ...process.env, ...env, CI: '1' }, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let finished = false;
  void exited.then(() => (finished = true));
  while (!finished && journalLines(root) < lines) await new Promise((resolve) => setTimeout(resolve, 2));
  if (finished) return 'finished';
  child.kill('SIGKILL');
  await exited;
  return 'killed';
}

describe(`apply killed at ${POINTS} points`, () => {
  it('finishes and converges on the second run every time, creating nothing twice', async () => {
    const outcomes: string[] = [];
    for (const [index, lines] of killPoints.entries()) {
      const emulator = new Emulator({ seed: 'empty', limits: { latency: { roundTripMs: 2, transactionMs: 1, rowReadMs: 0, writeMs: 10 } } });
      const server = await startEmulatorServer(emulator, 0);
      try {
        const root = mkdtempSync(join(tmpdir(), 'snac-kill-'));
        writeApplyProject(root, server.url, { prefix: 'k', accounts: ACCOUNTS });
        expect(await main(['plan', '--out', 'plan.json'], captureIo(env, root))).toBe(2);
        outcomes.push(`${lines}:${await killAfter(root, lines)}`);
        if (index % 2 === 1) rmSync(join(root, '.snac'), { recursive: true, force: true });

        const io = captureIo(env, root);
        const code = await main(['apply', '--plan', 'plan.json'], io);
        expect(io.err(), `kill point ${lines}`).toBe('');
        expect(code, `kill point ${lines}: ${io.out()}`).toBe(0);
        expect(io.out()).toContain('the instance matches the declarations');
        expect(await main(['plan'], captureIo(env, root))).toBe(0);
        expect(duplicateRows(emulator)).toEqual([]);
      } finally {
        await server.close();
      }
    }
    process.stdout.write(`kill points (journal lines:outcome): ${outcomes.join(' ')}\n`);
    expect(outcomes.filter((o) => o.endsWith(':killed')).length).toBe(POINTS);
  }, 300_000);
});
