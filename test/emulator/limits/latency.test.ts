import { afterEach, describe, expect, it } from 'vitest';
import { Emulator } from '../../../src/emulator/emulator.js';
import { body, startInstance, type TestInstance } from '../../support/emulator.js';
import { asAdmin, latency, RecordedTime, stats } from '../../support/limits.js';

let sn: TestInstance | undefined;
afterEach(() => sn?.close());

describe('latency and server time', () => {
  it('charges a transaction, each row a read returns and each write, between the two halves of the round trip', async () => {
    const time = new RecordedTime();
    sn = await startInstance({ seed: 'demo', limits: { latency: { roundTripMs: 40, transactionMs: 5, rowReadMs: 2, writeMs: 30 } }, sleep: time.sleep });
    await asAdmin(sn.url, '/api/now/table/sys_user?sysparm_limit=1');
    expect(time.waits).toEqual([20, 5 + 2, 20]);
    time.waits.length = 0;
    await asAdmin(sn.url, '/api/now/table/sys_user?sysparm_limit=8');
    expect(time.waits).toEqual([20, 5 + 8 * 2, 20]);
    time.waits.length = 0;
    const created = await asAdmin(sn.url, '/api/now/table/sys_user_group', { method: 'POST', body: JSON.stringify({ name: 'Costly' }) });
    expect(created.status).toBe(201);
    expect(time.waits).toEqual([20, 5 + 30, 20]);
  });

  it('really waits at least the configured round trip by default', async () => {
    sn = await startInstance({ seed: 'empty', limits: { latency: latency({ roundTripMs: 60 }) } });
    const started = performance.now();
    expect((await asAdmin(sn.url, '/api/now/table/sys_user?sysparm_limit=1')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe('the default emulator', () => {
  it('has no limits: nothing waits, nothing is refused, no rate-limit headers, zero waits in Server-Timing', async () => {
    const time = new RecordedTime();
    sn = await startInstance({ seed: 'empty', sleep: time.sleep });
    expect(sn.emulator.limits.active).toBe(false);
    const answers = await Promise.all(Array.from({ length: 80 }, () => asAdmin(sn?.url ?? '', '/api/now/table/sys_user?sysparm_limit=1')));
    expect(answers.map((a) => a.status)).toEqual(Array(80).fill(200));
    const [first] = answers;
    expect(first?.headers.get('server-timing')).toBe('sem_wait;dur=0, sesh_wait;dur=0');
    expect(first?.headers.get('x-ratelimit-limit')).toBeNull();
    expect(time.waits).toEqual([]);
    const counted = await stats(sn.url);
    expect(counted).toMatchObject({ status429: 0, status202: 0, faults: {}, rejections: {}, peakConcurrency: 0, inFlight: { running: 0, queued: 0 } });
  });

  it('reports an empty profile on the control endpoint', async () => {
    sn = await startInstance({ seed: 'empty' });
    expect(await body(await fetch(`${sn.url}/__snac/limits`))).toEqual({});
    expect(new Emulator().limits.profile).toEqual({});
  });
});
