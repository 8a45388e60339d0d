import { afterEach, describe, expect, it } from 'vitest';
import { body, startInstance, type TestInstance } from '../../support/emulator.js';
import { asAdmin, HeldTime, latency, outcome, sessionCookie, stats, statsWhen } from '../../support/limits.js';

let sn: TestInstance | undefined;
afterEach(() => sn?.close());

async function start(time: HeldTime): Promise<TestInstance> {
  sn = await startInstance({
    seed: 'empty',
    limits: { latency: latency({ transactionMs: 5 }), sessions: { concurrent: 1, maxWaiters: 10 } },
    sleep: time.sleep,
  });
  return sn;
}

/** Start a session with Basic auth while time passes freely, and return its cookie. */
async function session(url: string, time: HeldTime): Promise<string> {
  time.release();
  const first = await asAdmin(url, '/api/now/table/sys_user?sysparm_limit=1');
  expect(first.status).toBe(200);
  time.hold();
  return sessionCookie(first);
}

const groupNames = (n: number) => Array.from({ length: n }, (_, i) => `Session group ${String(i + 1).padStart(2, '0')}`);

describe('session synchronisation', () => {
  it('runs one transaction per session, lets 10 wait, and drops the rest with an empty 202, unprocessed', async () => {
    const time = new HeldTime();
    const { url } = await start(time);
    const cookie = await session(url, time);
    const names = groupNames(13);
    const answers = names.map((name) =>
      outcome(
        fetch(`${url}/api/now/table/sys_user_group`, {
          method: 'POST',
          headers: { Cookie: cookie, Accept: 'application/json', 'Content-Type': 'application/json' },
          body: JSON.stringify({ name }),
        }),
      ),
    );
    const full = await statsWhen(url, (s) => s.status202 === 2 && s.peakSessionWaiters === 10, '10 waiters and 2 drops');
    expect(full.rejections).toEqual({ session: 2 });
    expect(time.waiting).toBe(1);
    time.release();
    const statuses = await Promise.all(answers);
    expect(statuses.filter((s) => s === 201)).toHaveLength(11);
    expect(statuses.filter((s) => s === 202)).toHaveLength(2);

    const listed = await asAdmin(url, '/api/now/table/sys_user_group?sysparm_query=nameSTARTSWITHSession group&sysparm_fields=name');
    const created = (await body<{ result: { name: string }[] }>(listed)).result.map((row) => row.name).sort();
    const answered201 = names.filter((_, i) => statuses[i] === 201).sort();
    expect(created).toEqual(answered201);
    expect((await stats(url)).byStatus['202']).toBe(2);
  });

  it('does not serialise requests without a cookie: each starts its own session', async () => {
    const time = new HeldTime();
    const { url } = await start(time);
    const answers = Array.from({ length: 5 }, () => outcome(asAdmin(url, '/api/now/table/sys_user?sysparm_limit=1')));
    await statsWhen(url, () => time.waiting === 5, 'five transactions running at once');
    time.release();
    expect(await Promise.all(answers)).toEqual(Array(5).fill(200));
    expect((await stats(url)).peakSessionWaiters).toBe(0);
  });

  it('returns the JSESSIONID cookie on an authenticated request and continues the session with it alone', async () => {
    const time = new HeldTime();
    const { url } = await start(time);
    const cookie = await session(url, time);
    time.release();
    const again = await fetch(`${url}/api/now/table/sys_user?sysparm_limit=1`, { headers: { Cookie: cookie, Accept: 'application/json' } });
    expect(again.status).toBe(200);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(again.headers.get('server-timing')).toMatch(/^sem_wait;dur=\d+, sesh_wait;dur=\d+$/);
  });
});
