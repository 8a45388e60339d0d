import { describe, expect, it } from 'vitest';
import { RequestLog } from '../../src/servicenow/index.js';
import { FakeTable, harness, TABLE_PATH, tableHeaders, users } from './support.js';

describe('the request log', () => {
  it('counts requests, retries, bytes, time and back-off per table and method', () => {
    const log = new RequestLog();
    log.record({ table: 'sys_user', method: 'GET', bytes: 2048, ms: 120, retry: false });
    log.record({ table: 'sys_user', method: 'GET', bytes: 1024, ms: 80, retry: true });
    log.waited('sys_user', 'GET', 1500);
    log.record({ table: 'sys_user_grmember', method: 'POST', bytes: 300, ms: 200, retry: false });
    log.record({ table: 'sys_user', method: 'PATCH', bytes: 100, ms: 50, retry: false });
    expect(log.entries()).toEqual([
      { table: 'sys_user', method: 'GET', requests: 2, retries: 1, bytesReceived: 3072, timeMs: 200, waitMs: 1500 },
      { table: 'sys_user', method: 'PATCH', requests: 1, retries: 0, bytesReceived: 100, timeMs: 50, waitMs: 0 },
      { table: 'sys_user_grmember', method: 'POST', requests: 1, retries: 0, bytesReceived: 300, timeMs: 200, waitMs: 0 },
    ]);
    expect(log.totals()).toEqual({ requests: 4, retries: 1, bytesReceived: 3472, timeMs: 450, waitMs: 1500 });
    expect(log.summary()).toBe(
      '4 requests (1 retry), 3.4 KiB received, 0.45 s, 1.50 s backing off: sys_user GET 2, sys_user PATCH 1, sys_user_grmember POST 1',
    );
  });

  it('says so when nothing was asked', () => {
    expect(new RequestLog().summary()).toBe('0 requests (0 retries), 0 B received, 0.00 s');
  });

  it('records what a TableApi did: every page, every retry, the bytes of every body and the waits', async () => {
    const { api, scope } = harness({ pageSize: 10 });
    const table = new FakeTable(users(15));
    scope.get(`${TABLE_PATH}/sys_user`).query(true).reply(503, '');
    scope.get(`${TABLE_PATH}/sys_user`).query(true).times(2).reply(table.reply());
    scope.get(`${TABLE_PATH}/sys_user_group`).query(true).reply(429, 'Too Many Requests', { 'Retry-After': '3' });
    scope.get(`${TABLE_PATH}/sys_user_group`).query(true).reply(200, { result: [] }, tableHeaders(0));
    await api.list('sys_user', { fields: ['user_name'] });
    await api.list('sys_user_group', { fields: ['name'] });
    const [groups, userEntry] = [api.log.entries()[1], api.log.entries()[0]];
    expect(userEntry).toMatchObject({ table: 'sys_user', method: 'GET', requests: 3, retries: 1, waitMs: 500 });
    expect(groups).toMatchObject({ table: 'sys_user_group', method: 'GET', requests: 2, retries: 1, bytesReceived: 17 + 13, waitMs: 3000 });
    expect(api.log.summary()).toMatch(/^5 requests \(2 retries\), .* received, .*: sys_user GET 3, sys_user_group GET 2$/);
  });
});
