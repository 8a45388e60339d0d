import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY, serverDelayMs } from '../../src/servicenow/retry.js';
import { ServiceNowError } from '../../src/servicenow/index.js';
import { envelope, harness, socketError, sysId, TABLE_PATH, tableHeaders, users } from './support.js';

const rateLimited = envelope(429, 'Rate limit exceeded', 'Rate limit of 100 requests per hour for Table API exceeded');
const unavailable = envelope(503, 'Service Unavailable', null);
const listPath = `${TABLE_PATH}/sys_user`;
const ok = [200, { result: users(2) }, tableHeaders(2)] as const;

describe('how long to wait', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');

  it.each([
    [{ 'retry-after': '17' }, 17_000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': 'Mon, 02 Mar 2026 10:00:42 GMT' }, 42_000],
    [{ 'retry-after': 'Mon, 02 Mar 2026 09:59:00 GMT' }, 0],
    [{ 'x-ratelimit-reset': String(now / 1000 + 90) }, 90_000],
    [{ 'retry-after': '5', 'x-ratelimit-reset': String(now / 1000 + 90) }, 5_000],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%j means %s ms', (headers, expected) => {
    expect(serverDelayMs(headers, now)).toBe(expected);
  });

  it('backs off with full jitter: uniform from 0 up to base x 2^(retry-1), capped', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 1000, maxDelayMs: 60_000 };
    expect(backoffMs(1, policy, () => 0)).toBe(0);
    expect(backoffMs(1, policy, () => 0.999_999)).toBe(999);
    expect(backoffMs(3, policy, () => 0.5)).toBe(2000);
    expect(backoffMs(4, policy, () => 0.999_999)).toBe(7999);
    expect(backoffMs(12, policy, () => 0.999_999)).toBe(59_999);
  });
});

describe('reads', () => {
  it('honour Retry-After to the second on a 429', async () => {
    const { api, scope, time } = harness();
    scope.get(listPath).query(true).reply(rateLimited[0], rateLimited[1], { ...rateLimited[2], 'Retry-After': '37' });
    scope.get(listPath).query(true).reply(...ok);
    expect(await api.list('sys_user', { fields: [] })).toHaveLength(2);
    expect(time.sleeps).toEqual([37_000]);
    expect(scope.isDone()).toBe(true);
  });

  it('wait until X-RateLimit-Reset when there is no Retry-After', async () => {
    const { api, scope, time } = harness();
    const reset = time.nowMs / 1000 + 95;
    scope.get(listPath).query(true).reply(429, rateLimited[1], { 'X-RateLimit-Reset': String(reset), 'X-RateLimit-Limit': '100' });
    scope.get(listPath).query(true).reply(...ok);
    await api.list('sys_user', { fields: [] });
    expect(time.sleeps).toEqual([95_000]);
  });

  it('back off with full jitter when the instance names no wait (a full API_INT queue)', async () => {
    const draws = [0.25, 0.75, 0.5];
    const { api, scope, time } = harness({ random: () => draws.shift() ?? 0 });
    scope.get(listPath).query(true).times(3).reply(429, 'Too Many Requests');
    scope.get(listPath).query(true).reply(...ok);
    await api.list('sys_user', { fields: [] });
    expect(time.sleeps).toEqual([250, 1500, 2000]);
  });

  it.each([502, 503, 504])('are retried after %s', async (status) => {
    const { api, scope, time } = harness();
    scope.get(listPath).query(true).reply(status, unavailable[1]);
    scope.get(listPath).query(true).reply(...ok);
    expect(await api.list('sys_user', { fields: [] })).toHaveLength(2);
    expect(time.sleeps).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  it('are retried after a 202, which means the session queue dropped them', async () => {
    const { api, scope } = harness();
    scope.get(listPath).query(true).reply(202, '');
    scope.get(listPath).query(true).reply(...ok);
    expect(await api.list('sys_user', { fields: [] })).toHaveLength(2);
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED'])('are retried after %s', async (code) => {
    const { api, scope } = harness();
    scope.get(listPath).query(true).replyWithError(socketError(code));
    scope.get(listPath).query(true).reply(...ok);
    expect(await api.list('sys_user', { fields: [] })).toHaveLength(2);
    expect(api.log.totals()).toMatchObject({ requests: 2, retries: 1 });
  });

  it('give up after the attempts allowed, saying how many', async () => {
    const { api, scope, time } = harness({ retry: { attempts: 3 } });
    scope.get(listPath).query(true).times(3).reply(...unavailable);
    const error = (await api.list('sys_user', { fields: [] }).catch((e: unknown) => e)) as ServiceNowError;
    expect(error.message).toBe('GET sys_user on dev12345.service-now.com failed after 3 attempts with 503 Service Unavailable');
    expect(time.sleeps).toHaveLength(2);
    expect(scope.isDone()).toBe(true);
  });

  it('are not retried after a 500, a 4xx or an unresolvable host', async () => {
    for (const reply of [envelope(500, 'Internal server error', 'Transaction cancelled: maximum execution time exceeded'), envelope(400, 'Invalid table sys_usr', null)]) {
      const { api, scope, time } = harness();
      scope.get(listPath).query(true).reply(...reply);
      await expect(api.list('sys_user', { fields: [] })).rejects.toBeInstanceOf(ServiceNowError);
      expect(time.sleeps).toEqual([]);
    }
    const { api, scope, time } = harness();
    scope.get(listPath).query(true).replyWithError(socketError('ENOTFOUND'));
    await expect(api.list('sys_user', { fields: [] })).rejects.toThrow('GET sys_user on dev12345.service-now.com could not resolve the host name');
    expect(time.sleeps).toEqual([]);
  });

  it('do not wait longer than allowed: a Retry-After beyond maxWaitMs fails at once', async () => {
    const { api, scope, time } = harness({ retry: { maxWaitMs: 60_000 } });
    scope.get(listPath).query(true).reply(429, rateLimited[1], { 'Retry-After': '3600', 'X-RateLimit-Rule': sysId('rule'), 'X-RateLimit-Limit': '100' });
    const error = (await api.list('sys_user', { fields: [] }).catch((e: unknown) => e)) as ServiceNowError;
    expect(error.code).toBe('servicenow-rate-limited');
    expect(error.fix).toMatch(/^the instance asked snac to wait 3600 s, longer than the 60 s it waits\. the rate-limit rule [0-9a-f]{32} \(100 requests per hour\)/);
    expect(time.sleeps).toEqual([]);
  });
});

describe('writes', () => {
  const id = sysId('svc_backup');

  it('are retried after a 429, honouring Retry-After: the instance did nothing', async () => {
    const { api, scope, time } = harness();
    scope.post(`${TABLE_PATH}/sys_user`).query(true).reply(rateLimited[0], rateLimited[1], { 'Retry-After': '12' });
    scope.post(`${TABLE_PATH}/sys_user`).query(true).reply(201, { result: { sys_id: id, user_name: 'svc_backup' } });
    expect(await api.create('sys_user', { user_name: 'svc_backup' })).toEqual({ outcome: 'ok', row: { sys_id: id, user_name: 'svc_backup' } });
    expect(time.sleeps).toEqual([12_000]);
    expect(scope.isDone()).toBe(true);
  });

  it('are retried after a refused connection: nothing was sent', async () => {
    const { api, scope } = harness();
    scope.patch(`${TABLE_PATH}/sys_user/${id}`).query(true).replyWithError(socketError('ECONNREFUSED'));
    scope.patch(`${TABLE_PATH}/sys_user/${id}`).query(true).reply(200, { result: { sys_id: id, active: 'false' } });
    expect(await api.update('sys_user', id, { active: 'false' })).toMatchObject({ outcome: 'ok' });
  });

  it.each([
    ['a 503', (s: ReturnType<typeof harness>['scope']) => s.post(`${TABLE_PATH}/sys_user`).query(true).reply(...unavailable), /answered 503 Service Unavailable/, 503],
    ['a 500', (s: ReturnType<typeof harness>['scope']) => s.post(`${TABLE_PATH}/sys_user`).query(true).reply(...envelope(500, 'Transaction cancelled', null)), /answered 500 Transaction cancelled/, 500],
    ['a 202', (s: ReturnType<typeof harness>['scope']) => s.post(`${TABLE_PATH}/sys_user`).query(true).reply(202, ''), /answered 202 Accepted.*session queue overflows/, 202],
    ['a timeout', (s: ReturnType<typeof harness>['scope']) => s.post(`${TABLE_PATH}/sys_user`).query(true).replyWithError(socketError('ETIMEDOUT')), /the request timed out after 75 s/, undefined],
    ['a reset', (s: ReturnType<typeof harness>['scope']) => s.post(`${TABLE_PATH}/sys_user`).query(true).replyWithError(socketError('ECONNRESET')), /lost the connection/, undefined],
    ['an HTML 200', (s: ReturnType<typeof harness>['scope']) => s.post(`${TABLE_PATH}/sys_user`).query(true).reply(200, '<html><body>Login</body></html>'), /answered 200 with an HTML page/, 200],
  ])('are never repeated after %s: the outcome is unknown', async (_name, arrange, reason, status) => {
    const { api, scope, time } = harness();
    arrange(scope);
    const result = await api.create('sys_user', { user_name: 'svc_backup' });
    expect(result.outcome).toBe('unknown');
    if (result.outcome !== 'unknown') return;
    expect(result.error.code).toBe('servicenow-outcome-unknown');
    expect(result.error.message).toMatch(/^POST sys_user on dev12345\.service-now\.com may or may not have been applied: /);
    expect(result.error.message).toMatch(reason);
    expect(result.error.fix).toBe('read the record back before trying again; snac never repeats a write whose outcome it does not know');
    expect(result.error.status).toBe(status);
    expect(time.sleeps).toEqual([]);
    expect(api.log.totals().requests).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  it('time out above the instance 60 s quota and reads below it by default', async () => {
    const { api, scope } = harness();
    scope.delete(`${TABLE_PATH}/sys_user/${id}`).replyWithError(socketError('ETIMEDOUT'));
    const result = await api.remove('sys_user', id);
    expect(result.outcome === 'unknown' && result.error.message).toMatch(/timed out after 75 s/);
    scope.get(`${TABLE_PATH}/sys_user/${id}`).query(true).times(5).replyWithError(socketError('ETIMEDOUT'));
    await expect(api.get('sys_user', id, [])).rejects.toThrow(`GET sys_user/${id} on dev12345.service-now.com timed out after 30 s after 5 attempts`);
  });
});

describe('a real timeout', () => {
  it('is enforced by the client and reported as a timeout', async () => {
    const { api, scope } = harness({ timeouts: { readMs: 50 }, retry: { attempts: 1 } });
    scope.get(listPath).query(true).delay(2000).reply(...ok);
    const error = (await api.list('sys_user', { fields: [] }).catch((e: unknown) => e)) as ServiceNowError;
    expect(error.code).toBe('servicenow-timeout');
  });
});
