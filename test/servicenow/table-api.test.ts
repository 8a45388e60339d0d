import { describe, expect, it } from 'vitest';
import { createTableApi, ServiceNowError } from '../../src/servicenow/index.js';
import { basicCredentials, BASIC_HEADER, FakeTable, harness, sysId, TABLE_PATH, tableHeaders, URL_, userRow, users } from './support.js';

describe('list', () => {
  it('asks for the fields plus sys_id, raw values, no reference links, sys_id order and a count on the first page', async () => {
    const { api, scope } = harness();
    const rows = [userRow('svc_backup'), userRow('svc_okta', { manager: sysId('jane.doe') })];
    scope
      .get(`${TABLE_PATH}/sys_user`)
      .matchHeader('accept', 'application/json')
      .matchHeader('authorization', BASIC_HEADER)
      .query({
        sysparm_query: 'web_service_access_only=true^ORDERBYsys_id',
        sysparm_fields: 'sys_id,user_name,active,locked_out,manager',
        sysparm_limit: '1000',
        sysparm_offset: '0',
        sysparm_exclude_reference_link: 'true',
        sysparm_display_value: 'false',
        sysparm_no_count: 'false',
        sysparm_suppress_pagination_header: 'true',
      })
      .reply(200, { result: rows }, tableHeaders(2));
    const result = await api.list('sys_user', { query: 'web_service_access_only=true', fields: ['user_name', 'active', 'locked_out', 'manager'] });
    expect(result).toEqual(rows);
    expect(scope.isDone()).toBe(true);
  });

  it('pages with sysparm_no_count=true after the first page and the default page size of 1,000', async () => {
    const { api, scope } = harness();
    const table = new FakeTable(users(2500));
    scope.get(`${TABLE_PATH}/sys_user`).query(true).times(3).reply(table.reply());
    const rows = await api.list('sys_user', { fields: ['user_name'] });
    expect(rows.map((r) => r['sys_id'])).toEqual(table.all().map((r) => r['sys_id']));
    expect(table.requests.map((r) => [r.limit, r.count])).toEqual([
      [1000, true],
      [1000, false],
      [1000, false],
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('reads every readable row through pages that read ACLs shortened or emptied', async () => {
    const { api, scope } = harness({ pageSize: 5 });
    const table = new FakeTable(users(30));
    const all = table.all();
    for (const i of [0, 2, 4, 5, 6, 7, 8, 9, 10, 11, 23]) table.hide(all[i]?.['sys_id'] ?? '');
    scope.get(`${TABLE_PATH}/sys_user`).query(true).times(20).reply(table.reply());
    const rows = await api.list('sys_user', { fields: ['user_name'], allowHidden: true });
    expect(rows.map((r) => r['user_name'])).toEqual(table.visible().map((r) => r['user_name']));
    expect(table.requests.length).toBeLessThan(20);
  });

  it('fails closed by default when read ACLs hide rows: a partial table never passes for a whole one', async () => {
    const { api, scope } = harness({ pageSize: 5 });
    const table = new FakeTable(users(12));
    table.hide(table.all()[7]?.['sys_id'] ?? '');
    scope.get(`${TABLE_PATH}/sys_user`).query(true).times(5).reply(table.reply());
    const error = await api.list('sys_user', { fields: ['user_name'] }).then(
      () => undefined,
      (e: unknown) => e as Error & { fix?: string },
    );
    expect(error?.message).toMatch(/1 of the 12 rows matching the query are hidden from the reconciler by read ACLs/);
    expect(error?.fix).toMatch(/snac never plans from a partial read/);
  });

  it('reads every row that existed throughout when rows are added mid-read', async () => {
    const { api, scope } = harness({ pageSize: 10 });
    const table = new FakeTable(users(40));
    const before = table.all().map((r) => r['sys_id']);
    table.beforePage = (n, t) => {
      if (n === 1 || n === 2) for (let i = 0; i < 6; i++) t.insert(userRow(`svc_new_${n}_${i}`));
    };
    scope.get(`${TABLE_PATH}/sys_user`).query(true).times(10).reply(table.reply());
    const ids = (await api.list('sys_user', { fields: ['user_name'] })).map((r) => r['sys_id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(before));
  });

  it('reads an empty table with one request', async () => {
    const { api, scope } = harness();
    scope.get(`${TABLE_PATH}/sys_user_grmember`).query(true).reply(200, { result: [] }, tableHeaders(0));
    expect(await api.list('sys_user_grmember', { fields: ['user', 'group'] })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('reads exactly one page with one request', async () => {
    const { api, scope } = harness({ pageSize: 3 });
    const rows = users(3);
    scope.get(`${TABLE_PATH}/sys_user`).query(true).reply(200, { result: rows }, tableHeaders(3));
    expect(await api.list('sys_user', { fields: ['user_name'] })).toHaveLength(3);
    expect(api.log.totals().requests).toBe(1);
  });

  it('takes the value of a reference that still came with its link', async () => {
    const { api, scope } = harness();
    const manager = sysId('jane.doe');
    const row = { ...userRow('svc_a'), manager: { link: `${URL_}/api/now/table/sys_user/${manager}`, value: manager } };
    scope.get(`${TABLE_PATH}/sys_user`).query(true).reply(200, { result: [row] }, tableHeaders(1));
    expect((await api.list('sys_user', { fields: ['manager'] }))[0]?.['manager']).toBe(manager);
  });

  it('uses the page size of a call over the default', async () => {
    const { api, scope } = harness({ pageSize: 50 });
    scope.get(`${TABLE_PATH}/sys_user`).query((q) => q['sysparm_limit'] === '7').reply(200, { result: [] }, tableHeaders(0));
    await api.list('sys_user', { fields: [], pageSize: 7 });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['a table name with a slash', () => harness().api.list('sys_user/x', { fields: [] }), /not a table name/],
    ['a field list with a comma', () => harness().api.list('sys_user', { fields: ['a,b'] }), /not a field name/],
    ['a zero page size', () => harness().api.list('sys_user', { fields: [], pageSize: 0 }), /page size must be a positive integer/],
    ['a sys_id with a slash', () => harness().api.get('sys_user', '../x', []), /not a sys_id/],
  ])('refuses %s before sending anything', async (_name, call, message) => {
    await expect(call()).rejects.toThrow(message);
  });
});

describe('get', () => {
  it('reads one record with the fields asked for', async () => {
    const { api, scope } = harness();
    const id = sysId('svc_a');
    scope
      .get(`${TABLE_PATH}/sys_user/${id}`)
      .query({ sysparm_fields: 'sys_id,user_name', sysparm_exclude_reference_link: 'true', sysparm_display_value: 'false' })
      .reply(200, { result: { sys_id: id, user_name: 'svc_a' } });
    expect(await api.get('sys_user', id, ['user_name'])).toEqual({ sys_id: id, user_name: 'svc_a' });
    expect(scope.isDone()).toBe(true);
  });

  it('gives undefined for 404: missing or hidden by a read ACL', async () => {
    const { api, scope } = harness();
    scope
      .get(`${TABLE_PATH}/sys_user/${sysId('gone')}`)
      .query(true)
      .reply(404, { error: { message: 'No Record found', detail: "Record doesn't exist or ACL restricts the record retrieval" }, status: 'failure' });
    expect(await api.get('sys_user', sysId('gone'), ['user_name'])).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });
});

describe('writes', () => {
  it('creates with POST and returns the new row', async () => {
    const { api, scope } = harness();
    const created = userRow('svc_backup', { web_service_access_only: 'true', failed_attempts: '' });
    scope
      .post(`${TABLE_PATH}/sys_user`, { user_name: 'svc_backup', web_service_access_only: 'true' })
      .query({ sysparm_exclude_reference_link: 'true', sysparm_display_value: 'false' })
      .matchHeader('content-type', /^application\/json/)
      .reply(201, { result: created }, { Location: `${URL_}/api/now/table/sys_user/${created['sys_id']}` });
    expect(await api.create('sys_user', { user_name: 'svc_backup', web_service_access_only: 'true' })).toEqual({ outcome: 'ok', row: created });
    expect(scope.isDone()).toBe(true);
  });

  it('updates with PATCH and returns the updated row', async () => {
    const { api, scope } = harness();
    const id = sysId('svc_backup');
    scope.patch(`${TABLE_PATH}/sys_user/${id}`, { active: 'false' }).query(true).reply(200, { result: userRow('svc_backup', { active: 'false' }) });
    expect(await api.update('sys_user', id, { active: 'false' })).toEqual({ outcome: 'ok', row: userRow('svc_backup', { active: 'false' }) });
    expect(scope.isDone()).toBe(true);
  });

  it('removes with DELETE and takes 204 with no body', async () => {
    const { api, scope } = harness();
    const id = sysId('membership');
    scope.delete(`${TABLE_PATH}/sys_user_grmember/${id}`).matchHeader('content-type', /^application\/json/).reply(204);
    expect(await api.remove('sys_user_grmember', id)).toEqual({ outcome: 'ok' });
    expect(scope.isDone()).toBe(true);
  });

  it('throws a definite failure instead of returning it', async () => {
    const { api, scope } = harness();
    scope.delete(`${TABLE_PATH}/sys_user_has_role/${sysId('x')}`).reply(403, {
      error: { message: 'Operation Failed', detail: 'ACL Exception Delete Failed due to security constraints' },
      status: 'failure',
    });
    await expect(api.remove('sys_user_has_role', sysId('x'))).rejects.toBeInstanceOf(ServiceNowError);
  });
});

describe('the instance', () => {
  it('is the host name of the URL', () => {
    expect(createTableApi({ url: 'https://dev12345.service-now.com/', credentials: basicCredentials }).instance).toBe('dev12345.service-now.com');
  });

  it.each([
    ['http://dev12345.service-now.com', /not https/],
    ['https://user:pw@dev12345.service-now.com', /must not contain credentials/],
    ['dev12345', /is not a URL/],
  ])('refuses %s', (url, message) => {
    expect(() => createTableApi({ url, credentials: basicCredentials })).toThrow(message);
  });

  it('allows plain http for a local emulator', () => {
    expect(createTableApi({ url: 'http://127.0.0.1:8080', credentials: basicCredentials }).instance).toBe('127.0.0.1:8080');
  });
});
