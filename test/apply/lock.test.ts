import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireApplyLock, LOCK_NAME } from '../../src/apply/lock.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { startEmulatorServer, type RunningEmulator } from '../../src/emulator/http/server.js';
import { Limits } from '../../src/emulator/limits/limits.js';
import { main } from '../../src/main.js';
import { duplicateRows, RECONCILER_ENV, writeApplyProject } from '../support/apply-project.js';
import { basicClient } from '../support/client.js';
import { captureIo } from '../support/io.js';

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const claims = (emulator: Emulator) => [...emulator.instance.store.scan('sys_user_group')].filter((g) => g.values['name']?.startsWith(LOCK_NAME));
const lockOptions = (holder: string, pid = process.pid) => ({ holder, origin: { host: 'test', pid }, ttlMs: 60_000 });

async function start(): Promise<{ emulator: Emulator; url: string }> {
  const emulator = new Emulator({ seed: 'empty', limits: latency(0) });
  running = await startEmulatorServer(emulator, 0);
  return { emulator, url: running.url };
}

const latency = (ms: number) => ({ latency: { roundTripMs: ms, transactionMs: 1, rowReadMs: 0, writeMs: ms } });

describe('the apply lock', () => {
  it('is held by one apply at a time, as snac\'s least-privileged account, and released when it ends', async () => {
    const { emulator, url } = await start();
    const api = basicClient(url, 'svc_snac', 'snac');
    const first = await acquireApplyLock(api, lockOptions('ci run 1'));
    expect(first.kind).toBe('acquired');
    const second = await acquireApplyLock(api, lockOptions('laptop'));
    expect(second).toMatchObject({ kind: 'held', by: { holder: 'ci run 1' } });
    expect(second.kind === 'held' && Date.parse(second.by.expires)).toBeGreaterThan(emulator.instance.clock.now());
    expect(claims(emulator)).toHaveLength(1);
    expect(claims(emulator)[0]?.values['active']).toBe('false');

    if (first.kind === 'acquired') await first.lock.release();
    expect(claims(emulator)).toHaveLength(0);
    expect((await acquireApplyLock(api, lockOptions('laptop'))).kind).toBe('acquired');
  });

  it('is taken over once expired by the instance\'s clock, or when its holder is known to be gone', async () => {
    const { emulator, url } = await start();
    const api = basicClient(url, 'svc_snac', 'snac');
    expect((await acquireApplyLock(api, lockOptions('killed runner'))).kind).toBe('acquired');
    expect((await acquireApplyLock(api, lockOptions('next run'))).kind).toBe('held');
    emulator.instance.clock.advance(61_000);
    expect((await acquireApplyLock(api, lockOptions('next run'))).kind).toBe('acquired');
    expect(claims(emulator)).toHaveLength(1);

    const gone = { ...lockOptions('after a crash', 999_999), isGone: () => true };
    expect((await acquireApplyLock(api, gone)).kind).toBe('acquired');
    expect(claims(emulator)).toHaveLength(1);
  });

  it('snac apply --force-unlock removes a lock whose holder is gone, naming it', async () => {
    const { emulator, url } = await start();
    const root = mkdtempSync(join(tmpdir(), 'snac-lock-'));
    writeApplyProject(root, url, { prefix: 'lk', accounts: 1 });
    await acquireApplyLock(basicClient(url, 'svc_snac', 'snac'), lockOptions('runner-7'));
    const refused = captureIo(RECONCILER_ENV, root);
    expect(await main(['apply', '--auto-approve'], refused)).toBe(1);
    expect(refused.err()).toMatch(/another snac apply holds the apply lock on 127\.0\.0\.1:\d+ \(runner-7, run [0-9a-f-]{36}, until \d{4}-\d\d-\d\dT[\d:.]+Z\): wait for it to finish and run again, or, if its holder is gone, run snac apply --force-unlock; nothing was written/);

    const unlock = captureIo(RECONCILER_ENV, root);
    expect(await main(['apply', '--force-unlock'], unlock)).toBe(0);
    expect(unlock.out()).toMatch(/removed the apply lock of runner-7 \(run [0-9a-f-]{36}\)/);
    expect(claims(emulator)).toHaveLength(0);
    expect(await main(['apply', '--auto-approve'], captureIo(RECONCILER_ENV, root))).toBe(0);
  });
});

describe('two applies of one reviewed plan started together', () => {
  it('never both write: one applies and the other is refused by the lock, leaving no duplicate row', async () => {
    const { emulator, url } = await start();
    const root = mkdtempSync(join(tmpdir(), 'snac-concurrent-'));
    writeApplyProject(root, url, { prefix: 'cc', accounts: 12 });
    // The accounts exist; their memberships were removed by hand: the plan only links.
    expect(await main(['apply', '--auto-approve'], captureIo(RECONCILER_ENV, root))).toBe(0);
    const admin = basicClient(url, 'admin', 'admin');
    for (const row of await admin.list('sys_user_grmember', { query: 'user.user_nameSTARTSWITHsvc_cc_', fields: ['sys_id'] })) await admin.remove('sys_user_grmember', row['sys_id'] ?? '');
    expect(await main(['plan', '--out', 'plan.json'], captureIo(RECONCILER_ENV, root))).toBe(2);

    // Round trips and writes of 20 ms from here on, so the two applies overlap.
    emulator.limits = new Limits(emulator.stats, { profile: latency(20) });
    const ios = [captureIo(RECONCILER_ENV, root), captureIo(RECONCILER_ENV, root)];
    const codes = await Promise.all(ios.map((io) => main(['apply', '--plan', 'plan.json'], io)));
    expect(duplicateRows(emulator)).toEqual([]);
    const refused = ios.filter((io) => io.err().includes('another snac apply holds the apply lock'));
    expect(codes.filter((code) => code === 0).length + refused.length).toBe(2);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(claims(emulator)).toHaveLength(0);

    // Whether one applied or both stood back, applying again converges with nothing doubled.
    expect(await main(['apply', '--plan', 'plan.json'], captureIo(RECONCILER_ENV, root))).toBe(0);
    expect(await main(['plan'], captureIo(RECONCILER_ENV, root))).toBe(0);
    expect(duplicateRows(emulator)).toEqual([]);
  });
});
