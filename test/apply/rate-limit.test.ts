import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { startEmulatorServer, type RunningEmulator } from '../../src/emulator/http/server.js';
import { main } from '../../src/main.js';
import { duplicateRows, RECONCILER_ENV, writeApplyProject } from '../support/apply-project.js';
import { captureIo } from '../support/io.js';

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const HOUR_MS = 3_600_000;

describe('apply against an exhausted hourly rate limit', () => {
  it('stops at the first refusal, reports what remains and when to resume, exits 3, and the same apply finishes after the reset', async () => {
    // 150 requests an hour for the reconciler; the first apply needs about 190 writes.
    const emulator = new Emulator({ seed: 'empty', limits: { rateLimitRules: [{ name: 'snac hourly', limit: 150, applyTo: 'user', user: 'svc_snac' }] } });
    // Start at the top of an hour, so the reset is an hour away (far beyond --max-wait).
    emulator.instance.clock.advance(HOUR_MS - (emulator.instance.clock.now() % HOUR_MS) + 1_000);
    running = await startEmulatorServer(emulator, 0);
    const root = mkdtempSync(join(tmpdir(), 'snac-rate-'));
    writeApplyProject(root, running.url, { prefix: 'rl', accounts: 60 });
    expect(await main(['plan', '--out', 'plan.json'], captureIo(RECONCILER_ENV, root))).toBe(2);

    emulator.stats.reset();
    const first = captureIo(RECONCILER_ENV, root);
    expect(await main(['apply', '--plan', 'plan.json', '--format', 'json'], first)).toBe(3);
    const outcome = JSON.parse(first.out()) as { converged: boolean; notes: string[]; remaining: unknown[] };
    expect(outcome.converged).toBe(false);
    expect(outcome.remaining.length).toBeGreaterThan(0);
    expect(outcome.notes.join(' ')).toMatch(new RegExp(`Stopped by the instance's rate limit: ${outcome.remaining.length} changes remaining; resume after \\d{4}-\\d\\d-\\d\\dT`));
    // Only the writes already in flight meet the limit: a handful of 429s, not hundreds.
    const refused = emulator.stats.byStatus.get(429) ?? 0;
    process.stdout.write(`rate limit: ${refused} requests refused with 429, ${outcome.remaining.length} changes remaining\n`);
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(5);

    emulator.instance.clock.advance(HOUR_MS);
    const second = captureIo(RECONCILER_ENV, root);
    expect(await main(['apply', '--plan', 'plan.json'], second)).toBe(0);
    expect(second.out()).toContain('Resumed:');
    expect(second.out()).toContain('the instance matches the declarations');
    expect(duplicateRows(emulator)).toEqual([]);
  });
});
