import type nock from 'nock';
import { describe, expect, it } from 'vitest';
import { SessionPool } from '../../src/servicenow/concurrency.js';
import { Session } from '../../src/servicenow/session.js';
import { envelope, harness, sysId, TABLE_PATH } from './support.js';

const one = (name: string) => `${TABLE_PATH}/sys_user/${sysId(name)}`;

/** Let pending I/O callbacks run (no timers, no waiting on the clock). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Let I/O run until `ready()` holds; fails rather than hang if it never does. */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !ready(); i++) await new Promise((resolve) => setImmediate(resolve));
  if (!ready()) throw new Error('the condition never held');
}

describe('a session', () => {
  it('sends back the cookies the instance set, and drops expired ones', () => {
    const session = new Session();
    expect(session.cookieHeader()).toBeUndefined();
    expect(session.remember(['JSESSIONID=4C1E9A; Path=/; HttpOnly; Secure', 'BIGipServerpool_dev12345=2218262794.36671.0000; path=/; Httponly; Secure'])).toEqual([
      '4C1E9A',
      '2218262794.36671.0000',
    ]);
    expect(session.cookieHeader()).toBe('JSESSIONID=4C1E9A; BIGipServerpool_dev12345=2218262794.36671.0000');
    session.remember(['JSESSIONID=; Max-Age=0']);
    expect(session.cookieHeader()).toBe('BIGipServerpool_dev12345=2218262794.36671.0000');
    session.remember(['BIGipServerpool_dev12345=x; Max-Age=0', 'garbage']);
    expect(session.cookieHeader()).toBeUndefined();
  });

  it('starts over after forget()', () => {
    const session = new Session();
    session.remember(['JSESSIONID=ABC']);
    session.forget();
    expect(session.cookieHeader()).toBeUndefined();
  });
});

describe('the session pool', () => {
  it('refuses a size that is not a positive integer', () => {
    expect(() => new SessionPool(0)).toThrow(/positive integer/);
    expect(() => new SessionPool(1.5)).toThrow(/positive integer/);
  });

  it('runs at most `size` pieces of work at once, first come first served', async () => {
    const pool = new SessionPool(2);
    const gates: (() => void)[] = [];
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const work = (n: number) =>
      pool.use(async () => {
        started.push(n);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running -= 1;
      });
    const all = Promise.all([0, 1, 2, 3, 4].map(work));
    await settle();
    expect(started).toEqual([0, 1]);
    while (gates.length > 0) {
      gates.shift()?.();
      await settle();
    }
    await all;
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });
});

describe('requests', () => {
  it('reuse the session cookie the instance set', async () => {
    const { api, scope } = harness({ concurrency: 1 });
    scope
      .get(one('a'))
      .query(true)
      .reply(200, { result: { sys_id: sysId('a') } }, { 'Set-Cookie': ['JSESSIONID=S1; Path=/; HttpOnly', 'BIGipServerpool_dev12345=77.0; path=/'] });
    scope.get(one('b')).query(true).matchHeader('cookie', 'JSESSIONID=S1; BIGipServerpool_dev12345=77.0').reply(200, { result: { sys_id: sysId('b') } });
    await api.get('sys_user', sysId('a'), []);
    await api.get('sys_user', sysId('b'), []);
    expect(scope.isDone()).toBe(true);
  });

  it('stop sending after a 401: every later call fails with that refusal, so no run costs two failed logins', async () => {
    const { api, scope } = harness({ concurrency: 1 });
    scope.get(one('a')).query(true).reply(200, { result: { sys_id: sysId('a') } }, { 'Set-Cookie': 'JSESSIONID=S1; Path=/' });
    scope.get(one('b')).query(true).matchHeader('cookie', 'JSESSIONID=S1').reply(...envelope(401, 'User Not Authenticated', 'Required to provide Auth information'));
    await api.get('sys_user', sysId('a'), []);
    await expect(api.get('sys_user', sysId('b'), [])).rejects.toThrow(/401/);
    const later = api.get('sys_user', sysId('c'), []);
    await expect(later).rejects.toMatchObject({ code: 'servicenow-unauthenticated' });
    await expect(later).rejects.toThrow(`GET sys_user/${sysId('b')}`);
    expect(scope.isDone()).toBe(true);
  });

  it('send the first request alone (it checks the credentials), then N at a time on N sessions, never two at once on one session', async () => {
    const { api, scope } = harness({ concurrency: 3 });
    const held: { cookie: string; release: () => void }[] = [];
    const cookiesInFlight: string[][] = [];
    let sessions = 0;
    let most = 0;
    scope
      .get(/\/api\/now\/table\/sys_user\/[0-9a-f]{32}/)
      .query(true)
      .times(12)
      .reply(function (this: nock.ReplyFnContext, uri, _body, callback) {
        const cookie = String(this.req.headers['cookie'] ?? '');
        const setCookie = cookie ? {} : { 'Set-Cookie': `JSESSIONID=S${++sessions}; Path=/` };
        held.push({ cookie, release: () => callback(null, [200, { result: { sys_id: uri.slice(-32) } }, setCookie]) });
        cookiesInFlight.push(held.map((h) => h.cookie).filter(Boolean));
        most = Math.max(most, held.length);
      });
    const all = Promise.all(Array.from({ length: 12 }, (_, i) => api.get('sys_user', sysId(`u${i}`), [])));
    for (let released = 0; released < 12; released++) {
      await until(() => held.length === Math.min(released === 0 ? 1 : 3, 12 - released));
      held.shift()?.release();
    }
    await all;
    expect(most).toBe(3);
    expect(sessions).toBe(3);
    for (const cookies of cookiesInFlight) expect(new Set(cookies).size).toBe(cookies.length);
    expect(scope.isDone()).toBe(true);
  });
});
