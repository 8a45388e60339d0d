import { afterEach, describe, expect, it } from 'vitest';
import { Clock } from '../../../src/emulator/clock.js';
import { addUser, basic, body, startInstance, type TestInstance } from '../../support/emulator.js';
import { asAdmin, stats } from '../../support/limits.js';

let sn: TestInstance | undefined;
afterEach(() => sn?.close());

const HOUR = 3_600_000;
/** 10:15 UTC: a quarter past the hour, so the reset is 45 minutes away. */
const QUARTER_PAST = Date.UTC(2026, 0, 5, 10, 15, 0);

const as = (url: string, user: string, password: string, path = '/api/now/table/sys_user?sysparm_limit=1') =>
  fetch(`${url}${path}`, { headers: { Accept: 'application/json', Authorization: basic(user, password) } });

describe('inbound REST rate-limit rules (sys_rate_limit_rules)', () => {
  it('sends the X-RateLimit headers, then 429 with Retry-After and the documented body, until the hour resets', async () => {
    sn = await startInstance({
      seed: 'empty',
      clock: new Clock(() => QUARTER_PAST),
      limits: { rateLimitRules: [{ name: 'svc_snac 3 an hour', limit: 3, applyTo: 'user', user: 'svc_snac' }] },
    });
    const rule = sn.emulator.instance.findBy('sys_rate_limit_rules', 'name', 'svc_snac 3 an hour');
    const reset = String(Date.UTC(2026, 0, 5, 11, 0, 0) / 1000);
    for (let i = 0; i < 3; i++) {
      const allowed = await as(sn.url, 'svc_snac', 'snac');
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('x-ratelimit-limit')).toBe('3');
      expect(allowed.headers.get('x-ratelimit-reset')).toBe(reset);
      expect(allowed.headers.get('x-ratelimit-rule')).toBe(rule?.values['sys_id']);
    }
    const denied = await as(sn.url, 'svc_snac', 'snac');
    expect(denied.status).toBe(429);
    expect(denied.headers.get('retry-after')).toBe(String(45 * 60));
    expect(denied.headers.get('x-ratelimit-limit')).toBe('3');
    expect(denied.headers.get('x-ratelimit-reset')).toBe(reset);
    expect(denied.headers.get('x-ratelimit-rule')).toBe(rule?.values['sys_id']);
    expect(await body(denied)).toEqual({
      error: { message: 'Rate limit exceeded', detail: 'Rate limit of 3 requests per hour for Table API exceeded' },
      status: 'failure',
    });
    expect((await as(sn.url, 'admin', 'admin')).headers.get('x-ratelimit-limit')).toBeNull();

    await fetch(`${sn.url}/__snac/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 45 * 60 }) });
    expect((await as(sn.url, 'svc_snac', 'snac')).status).toBe(200);
    const counted = await stats(sn.url);
    expect(counted.status429).toBe(1);
    expect(counted.rejections).toEqual({ 'rate-limit': 1 });
  });

  it('applies the user rule over role rules, the lowest role rule over other roles, and the all-users rule last', async () => {
    sn = await startInstance({
      seed: 'empty',
      limits: {
        rateLimitRules: [
          { name: 'everyone', limit: 50, applyTo: 'all' },
          { name: 'itil users', limit: 40, applyTo: 'role', role: 'itil' },
          { name: 'import admins', limit: 30, applyTo: 'role', role: 'import_admin' },
          { name: 'the reconciler', limit: 60, applyTo: 'user', user: 'svc_snac' },
        ],
      },
    });
    addUser(sn.emulator, 'both.roles', 'pw', { roles: ['itil', 'import_admin'] });
    addUser(sn.emulator, 'itil.only', 'pw', { roles: ['itil'] });
    const limitFor = async (user: string, password: string) => (await as(sn?.url ?? '', user, password)).headers.get('x-ratelimit-limit');
    expect(await limitFor('svc_snac', 'snac')).toBe('60');
    expect(await limitFor('both.roles', 'pw')).toBe('30');
    expect(await limitFor('itil.only', 'pw')).toBe('40');
    expect(await limitFor('admin', 'admin')).toBe('50');
  });

  it('takes rules an admin creates through the Table API, matching method and table, and ignores inactive ones', async () => {
    sn = await startInstance({ seed: 'empty' });
    const post = (values: Record<string, string>) => asAdmin(sn?.url ?? '', '/api/now/table/sys_rate_limit_rules', { method: 'POST', body: JSON.stringify(values) });
    const created = await post({ name: 'user reads', rest_api: 'table', http_method: 'GET', table_name: 'sys_user', request_limit: '1', apply_to: 'all' });
    expect(created.status).toBe(201);
    expect((await post({ name: 'off', request_limit: '0', apply_to: 'all', active: 'false' })).status).toBe(201);

    expect((await as(sn.url, 'svc_snac', 'snac')).status).toBe(200);
    expect((await as(sn.url, 'svc_snac', 'snac')).status).toBe(429);
    const otherTable = await as(sn.url, 'svc_snac', 'snac', '/api/now/table/sys_user_group?sysparm_limit=1');
    expect(otherTable.status).toBe(200);
    expect(otherTable.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('limits the Batch API by its own rules, counting a batch as one request', async () => {
    sn = await startInstance({ seed: 'empty', limits: { rateLimitRules: [{ name: 'one batch', limit: 1, applyTo: 'all', api: 'batch' }] } });
    const batch = () =>
      asAdmin(sn?.url ?? '', '/api/now/v1/batch', {
        method: 'POST',
        body: JSON.stringify({
          batch_request_id: 'b',
          rest_requests: [1, 2, 3].map((id) => ({ id: String(id), method: 'GET', url: '/api/now/table/sys_user?sysparm_limit=1', headers: [] })),
        }),
      });
    expect((await batch()).status).toBe(200);
    const denied = await batch();
    expect(denied.status).toBe(429);
    expect((await body<{ error: { detail: string } }>(denied)).error.detail).toBe('Rate limit of 1 requests per hour for Batch API exceeded');
    expect((await asAdmin(sn.url, '/api/now/table/sys_user?sysparm_limit=1')).status).toBe(200);
  });

  it('starts each clock hour from zero', async () => {
    let now = QUARTER_PAST;
    sn = await startInstance({ seed: 'empty', clock: new Clock(() => now), limits: { rateLimitRules: [{ name: 'two', limit: 2, applyTo: 'all' }] } });
    for (const expected of [200, 200, 429]) expect((await as(sn.url, 'admin', 'admin')).status).toBe(expected);
    now += HOUR;
    expect((await as(sn.url, 'admin', 'admin')).status).toBe(200);
  });
});
