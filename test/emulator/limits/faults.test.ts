import { afterEach, describe, expect, it } from 'vitest';
import type { FaultProfile } from '../../../src/emulator/limits/profile.js';
import { body, startInstance, type TestInstance } from '../../support/emulator.js';
import { asAdmin, outcome, stats } from '../../support/limits.js';

const running: TestInstance[] = [];
afterEach(async () => {
  for (const instance of running.splice(0)) await instance.close();
});

async function start(faults: Partial<FaultProfile>): Promise<TestInstance> {
  const instance = await startInstance({
    seed: 'empty',
    limits: { faults: { seed: 1, rates: {}, schedule: [], retryAfterSeconds: 1, timeoutMs: 60_000, ...faults } },
  });
  running.push(instance);
  return instance;
}

/** What 30 reads in a row saw. */
async function thirtyReads(url: string): Promise<Awaited<ReturnType<typeof outcome>>[]> {
  const seen: Awaited<ReturnType<typeof outcome>>[] = [];
  for (let i = 0; i < 30; i++) seen.push(await outcome(asAdmin(url, '/api/now/table/sys_user?sysparm_limit=1')));
  return seen;
}

const createGroup = (url: string, name: string, signal?: AbortSignal) =>
  asAdmin(url, '/api/now/table/sys_user_group', { method: 'POST', body: JSON.stringify({ name }), ...(signal ? { signal } : {}) });

async function groupExists(url: string, name: string): Promise<boolean> {
  const found = await asAdmin(url, `/api/now/table/sys_user_group?sysparm_query=name=${encodeURIComponent(name)}&sysparm_fields=name`);
  expect(found.status).toBe(200);
  return (await body<{ result: unknown[] }>(found)).result.length === 1;
}

describe('seeded fault injection', () => {
  const rates = { '429': 0.1, '500': 0.1, '503': 0.1, reset: 0.1 };

  it('produces the same faults from the same seed, on two instances and again after a reset', async () => {
    const first = await thirtyReads((await start({ seed: 42, rates })).url);
    const second = await start({ seed: 42, rates });
    expect(await thirtyReads(second.url)).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(2);

    const injected = await stats(second.url);
    const failures = first.filter((seen) => seen !== 200).length;
    expect(Object.values(injected.faults).reduce((sum, n) => sum + n, 0)).toBe(failures);

    await fetch(`${second.url}/__snac/reset`, { method: 'POST' });
    expect(await thirtyReads(second.url)).toEqual(first);
    expect(await thirtyReads((await start({ seed: 43, rates })).url)).not.toEqual(first);
  });

  it('follows an explicit schedule: 429 with and without Retry-After, 500, 502, 503 and a reset', async () => {
    const { url } = await start({
      retryAfterSeconds: 7,
      schedule: [
        { request: 1, fault: '429' },
        { request: 2, fault: '429-no-retry-after' },
        { request: 3, fault: '500' },
        { request: 4, fault: '502' },
        { request: 5, fault: '503' },
        { request: 6, fault: 'reset' },
      ],
    });
    const read = () => asAdmin(url, '/api/now/table/sys_user?sysparm_limit=1');
    const limited = await read();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await body<{ error: { message: string } }>(limited)).error.message).toBe('Rate limit exceeded');
    const busy = await read();
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBeNull();
    await busy.arrayBuffer();
    const broken = await read();
    expect(broken.status).toBe(500);
    expect(await body(broken)).toEqual({ error: { message: 'Internal server error', detail: null }, status: 'failure' });
    const gateway = await read();
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toMatch(/^text\/html/);
    await gateway.arrayBuffer();
    expect(await outcome(read())).toBe(503);
    await expect(read()).rejects.toThrow('fetch failed');
    expect(await outcome(read())).toBe(200);

    const counted = await stats(url);
    expect(counted.faults).toEqual({ '429': 1, '429-no-retry-after': 1, '500': 1, '502': 1, '503': 1, reset: 1 });
    expect(counted.byRoute).toEqual({ 'GET table/sys_user': 7 });
    expect(counted.status429).toBe(2);
  });

  it('counts a scheduled fault with a match among the requests it matches only, the query decoded', async () => {
    const { url } = await start({ schedule: [{ match: '^GET /api/now/table/sys_user_group\\?sysparm_query=name=Second Group', request: 2, fault: '503' }, { request: 1, fault: '500' }] });
    const read = (query: string) => outcome(asAdmin(url, `/api/now/table/sys_user_group?sysparm_query=${encodeURIComponent(query)}`));
    expect(await read('name=Second Group')).toBe(500);
    expect(await read('name=Other')).toBe(200);
    expect(await read('name=Second Group')).toBe(503);
    expect(await read('name=Second Group')).toBe(200);
    expect((await stats(url)).faults).toEqual({ '500': 1, '503': 1 });
  });

  it('holds a timed-out request without processing it until the client gives up', async () => {
    const { url } = await start({ schedule: [{ request: 1, fault: 'timeout' }] });
    expect(await outcome(createGroup(url, 'Never Created', AbortSignal.timeout(300)))).toBe('timeout');
    expect(await groupExists(url, 'Never Created')).toBe(false);
    expect((await stats(url)).faults).toEqual({ timeout: 1 });
  });
});

describe('commit-then-fail: the write is committed, the client sees a failure', () => {
  it('commit-then-reset: the connection drops after the insert', async () => {
    const { url } = await start({ schedule: [{ request: 1, fault: 'commit-then-reset' }] });
    await expect(createGroup(url, 'Reset Group')).rejects.toThrow('fetch failed');
    expect(await groupExists(url, 'Reset Group')).toBe(true);
    const counted = await stats(url);
    expect(counted.writes).toBe(1);
    expect(counted.faults).toEqual({ 'commit-then-reset': 1 });
  });

  it('commit-then-timeout: no answer comes before the client times out', async () => {
    const { url } = await start({ schedule: [{ request: 1, fault: 'commit-then-timeout' }] });
    expect(await outcome(createGroup(url, 'Timeout Group', AbortSignal.timeout(300)))).toBe('timeout');
    expect(await groupExists(url, 'Timeout Group')).toBe(true);
  });

  it('commit-then-503: the load balancer answers 503 for a write that happened', async () => {
    const { url } = await start({ schedule: [{ request: 1, fault: 'commit-then-503' }] });
    expect(await outcome(createGroup(url, 'Unavailable Group'))).toBe(503);
    expect(await groupExists(url, 'Unavailable Group')).toBe(true);
  });
});
