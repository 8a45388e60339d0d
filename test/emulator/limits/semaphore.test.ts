import { afterEach, describe, expect, it } from 'vitest';
import type { LimitsProfile } from '../../../src/emulator/limits/profile.js';
import { startInstance, type TestInstance } from '../../support/emulator.js';
import { asAdmin, HeldTime, latency, outcome, statsWhen } from '../../support/limits.js';

let sn: TestInstance | undefined;
afterEach(() => sn?.close());

async function start(semaphore: NonNullable<LimitsProfile['semaphore']>, time: HeldTime): Promise<TestInstance> {
  sn = await startInstance({ seed: 'empty', limits: { latency: latency({ transactionMs: 5 }), semaphore }, sleep: time.sleep });
  return sn;
}

const burst = (url: string, n: number) =>
  Array.from({ length: n }, () => outcome(asAdmin(url, '/api/now/table/sys_user?sysparm_limit=1&sysparm_fields=user_name')));

describe('the API_INT semaphore', () => {
  it('runs 4 of 20 concurrent requests on one node and queues the other 16', async () => {
    const time = new HeldTime();
    const { url } = await start({ nodes: 1, threads: 4, queue: 50 }, time);
    const answers = burst(url, 20);
    const full = await statsWhen(url, (s) => s.inFlight.running + s.inFlight.queued === 20, 'all 20 requests on the node');
    expect(full.inFlight).toEqual({ running: 4, queued: 16 });
    expect(time.waiting).toBe(4);
    time.release();
    expect(await Promise.all(answers)).toEqual(Array(20).fill(200));
    const after = await statsWhen(url, (s) => s.inFlight.running === 0, 'the node to drain');
    expect(after.peakConcurrency).toBe(4);
    expect(after.peakQueueDepth).toBe(16);
    expect(after.byRoute).toEqual({ 'GET table/sys_user': 20 });
  });

  it('answers 429 without Retry-After once the queue is full, and serves the ones it queued', async () => {
    const time = new HeldTime();
    const { url } = await start({ nodes: 1, threads: 1, queue: 2 }, time);
    const answers = burst(url, 5);
    const full = await statsWhen(url, (s) => s.status429 === 2, 'two refusals');
    expect(full.inFlight).toEqual({ running: 1, queued: 2 });
    expect(full.rejections).toEqual({ semaphore: 2 });
    const refused = await asAdmin(url, '/api/now/table/sys_user');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(await refused.text()).toBe('Too Many Requests');
    time.release();
    expect((await Promise.all(answers)).sort()).toEqual([200, 200, 200, 429, 429]);
  });

  it('gives each node its own threads and queue, spreading requests without a session cookie', async () => {
    const time = new HeldTime();
    const { url } = await start({ nodes: 2, threads: 4, queue: 50 }, time);
    const answers = burst(url, 12);
    const full = await statsWhen(url, (s) => s.inFlight.running + s.inFlight.queued === 12, 'all 12 requests on the nodes');
    expect(full.inFlight).toEqual({ running: 8, queued: 4 });
    time.release();
    expect(await Promise.all(answers)).toEqual(Array(12).fill(200));
  });

  it('leaves the control endpoints, OAuth and login outside the pool', async () => {
    const time = new HeldTime();
    const { url } = await start({ nodes: 1, threads: 1, queue: 0 }, time);
    const holding = outcome(asAdmin(url, '/api/now/table/sys_user'));
    await statsWhen(url, (s) => s.inFlight.running === 1, 'one transaction running');
    expect((await outcome(asAdmin(url, '/api/now/table/sys_user'))) as number).toBe(429);
    expect((await fetch(`${url}/__snac/health`)).status).toBe(200);
    const login = await fetch(`${url}/login.do`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ user_name: 'admin', user_password: 'admin' }),
    });
    expect(login.status).toBe(302);
    time.release();
    expect(await holding).toBe(200);
  });
});
