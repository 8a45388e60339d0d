import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, body, startInstance, type Client, type TestInstance } from '../support/emulator.js';

type List = { result: Record<string, unknown>[] };

let sn: TestInstance;
let admin: Client;

beforeAll(async () => {
  sn = await startInstance({ seed: 'empty' });
  admin = sn.as('admin', 'admin');
  for (let i = 0; i < 25; i++) {
    addUser(sn.emulator, `svc_page_${String(i).padStart(2, '0')}`, 'pw', { web_service_access_only: i % 2 === 0 });
  }
});
afterAll(() => sn.close());

describe('Table API: reading', () => {
  it('returns a list envelope with every value a string and references as {link, value}', async () => {
    const response = await admin.get('/api/now/table/sys_user?sysparm_query=user_name=svc_snac');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const { result } = await body<List>(response);
    expect(result).toHaveLength(1);
    const user = result[0] ?? {};
    expect(user['user_name']).toBe('svc_snac');
    expect(user['web_service_access_only']).toBe('true');
    expect(user['failed_attempts']).toBe('');
    expect(user['sys_mod_count']).toMatch(/^\d+$/);
    expect(user['sys_id']).toMatch(/^[0-9a-f]{32}$/);
    expect(user['sys_created_on']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(user['manager']).toEqual({
      link: `${sn.url}/api/now/table/sys_user/6816f79cc0a8016401c5a33be04be441`,
      value: '6816f79cc0a8016401c5a33be04be441',
    });
    expect(user).not.toHaveProperty('user_password');
    for (const value of Object.values(user)) expect(typeof value === 'string' || typeof value === 'object').toBe(true);
  });

  it('puts the version segment of the request into reference links', async () => {
    const { result } = await body<List>(await admin.get('/api/now/v1/table/sys_user?user_name=svc_snac&sysparm_fields=manager'));
    expect((result[0]?.['manager'] as { link: string }).link).toBe(`${sn.url}/api/now/v1/table/sys_user/6816f79cc0a8016401c5a33be04be441`);
  });

  it('gives a bare sys_id with sysparm_exclude_reference_link and honours sysparm_fields (unknown fields ignored)', async () => {
    const response = await admin.get(
      '/api/now/table/sys_user?sysparm_query=user_name=svc_snac&sysparm_fields=user_name,manager,no_such_field,manager.user_name&sysparm_exclude_reference_link=true',
    );
    const { result } = await body<List>(response);
    expect(result[0]).toEqual({ user_name: 'svc_snac', manager: '6816f79cc0a8016401c5a33be04be441', 'manager.user_name': 'admin' });
  });

  it('renders display values with sysparm_display_value=true and both with all', async () => {
    const shown = await body<List>(
      await admin.get('/api/now/table/sys_user?sysparm_query=user_name=svc_snac&sysparm_fields=manager,identity_type,active&sysparm_display_value=true'),
    );
    expect(shown.result[0]).toEqual({
      manager: { display_value: 'System Administrator', link: `${sn.url}/api/now/table/sys_user/6816f79cc0a8016401c5a33be04be441` },
      identity_type: 'Machine',
      active: 'true',
    });
    const both = await body<List>(
      await admin.get('/api/now/table/sys_user?sysparm_query=user_name=svc_snac&sysparm_fields=identity_type,manager&sysparm_display_value=all'),
    );
    expect(both.result[0]?.['identity_type']).toEqual({ display_value: 'Machine', value: 'machine' });
    expect(both.result[0]?.['manager']).toMatchObject({ display_value: 'System Administrator', value: '6816f79cc0a8016401c5a33be04be441' });
  });

  it('pages with sysparm_limit/offset, X-Total-Count and a Link header with first/prev/next/last', async () => {
    const base = '/api/now/table/sys_user?sysparm_query=user_nameSTARTSWITHsvc_page_^ORDERBYuser_name&sysparm_fields=user_name';
    const first = await admin.get(`${base}&sysparm_limit=10`);
    expect(first.headers.get('x-total-count')).toBe('25');
    const link = first.headers.get('link') ?? '';
    expect(link).toContain('sysparm_offset=0&sysparm_limit=10>;rel="first"');
    expect(link).toContain('sysparm_offset=10&sysparm_limit=10>;rel="next"');
    expect(link).toContain('sysparm_offset=20&sysparm_limit=10>;rel="last"');
    expect(link).not.toContain('rel="prev"');
    const names = (await body<List>(first)).result.map((r) => r['user_name']);
    expect(names[0]).toBe('svc_page_00');
    expect(names).toHaveLength(10);

    const last = await admin.get(`${base}&sysparm_limit=10&sysparm_offset=20`);
    expect((await body<List>(last)).result.map((r) => r['user_name'])).toEqual(['svc_page_20', 'svc_page_21', 'svc_page_22', 'svc_page_23', 'svc_page_24']);
    expect(last.headers.get('link')).toContain('sysparm_offset=10&sysparm_limit=10>;rel="prev"');
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('omits X-Total-Count with sysparm_no_count and the Link header with sysparm_suppress_pagination_header', async () => {
    const base = '/api/now/table/sys_user?sysparm_query=user_nameSTARTSWITHsvc_page_&sysparm_limit=5';
    const noCount = await admin.get(`${base}&sysparm_no_count=true`);
    expect(noCount.headers.get('x-total-count')).toBeNull();
    expect(noCount.headers.get('link')).toContain('rel="next"');
    const suppressed = await admin.get(`${base}&sysparm_suppress_pagination_header=true`);
    expect(suppressed.headers.get('link')).toBeNull();
    expect(suppressed.headers.get('x-total-count')).toBe('25');
  });

  it('accepts plain name=value filters', async () => {
    const { result } = await body<List>(await admin.get('/api/now/table/sys_user?user_name=SVC_SNAC&sysparm_fields=user_name'));
    expect(result).toEqual([{ user_name: 'svc_snac' }]);
  });

  it('filters with the encoded-query operators, OR, NQ and ORDERBYDESC', async () => {
    const query = encodeURIComponent('user_nameINsvc_page_01,svc_page_02^ORuser_name=admin^NQuser_nameENDSWITH_24^ORDERBYDESCuser_name');
    const { result } = await body<List>(await admin.get(`/api/now/table/sys_user?sysparm_query=${query}&sysparm_fields=user_name`));
    expect(result.map((r) => r['user_name'])).toEqual(['svc_page_24', 'svc_page_02', 'svc_page_01', 'admin']);
  });

  it('dot-walks one level in queries', async () => {
    const query = encodeURIComponent('user.user_name=svc_snac^role.name=user_admin');
    const { result } = await body<List>(await admin.get(`/api/now/table/sys_user_has_role?sysparm_query=${query}&sysparm_fields=inherited,role.name`));
    expect(result).toEqual([{ inherited: 'true', 'role.name': 'user_admin' }]);
  });

  it('ignores a condition on an unknown field, as the instance does by default', async () => {
    const { result } = await body<List>(
      await admin.get('/api/now/table/sys_user?sysparm_query=no_such_field=1^user_name=svc_snac&sysparm_fields=user_name'),
    );
    expect(result).toEqual([{ user_name: 'svc_snac' }]);
  });

  it('answers an empty result with 200 [] on v2 and the unversioned path, 404 on v1', async () => {
    const v2 = await admin.get('/api/now/v2/table/sys_user?sysparm_query=user_name=nobody');
    expect(v2.status).toBe(200);
    expect(await body(v2)).toEqual({ result: [] });
    expect((await admin.get('/api/now/table/sys_user?sysparm_query=user_name=nobody')).status).toBe(200);
    const v1 = await admin.get('/api/now/v1/table/sys_user?sysparm_query=user_name=nobody');
    expect(v1.status).toBe(404);
    expect(await body(v1)).toEqual({
      error: { message: 'No Record found', detail: 'Records matching query not found. Check query parameter or offset parameter' },
      status: 'failure',
    });
  });

  it('returns one record by sys_id, and 404 with the no-record envelope for an unknown one', async () => {
    const one = await admin.get('/api/now/table/sys_user/6816f79cc0a8016401c5a33be04be441?sysparm_fields=user_name');
    expect(await body(one)).toEqual({ result: { user_name: 'admin' } });
    const missing = await admin.get('/api/now/table/sys_user/0123456789abcdef0123456789abcdef');
    expect(missing.status).toBe(404);
    expect(await body(missing)).toEqual({
      error: { message: 'No Record found', detail: "Record doesn't exist or ACL restricts the record retrieval" },
      status: 'failure',
    });
  });

  it('answers 400 Invalid table for an unknown table and for unknown API paths', async () => {
    const table = await admin.get('/api/now/table/u_nope');
    expect(table.status).toBe(400);
    expect(await body(table)).toEqual({ error: { message: 'Invalid table u_nope', detail: null }, status: 'failure' });
    const path = await admin.get('/api/now/nothing/here');
    expect(path.status).toBe(400);
    expect(await body(path)).toEqual({ error: { message: 'Requested URI does not represent any resource', detail: null }, status: 'failure' });
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await fetch(`${sn.url}/api/now/table/sys_user?sysparm_limit=1`, {
      method: 'HEAD',
      headers: { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, Accept: 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-total-count')).toMatch(/^\d+$/);
    expect(await response.text()).toBe('');
  });

  it('refuses an Accept it cannot produce with 406', async () => {
    const response = await fetch(`${sn.url}/api/now/table/sys_user`, {
      headers: { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, Accept: 'text/csv' },
    });
    expect(response.status).toBe(406);
  });
});

describe('Table API: writing', () => {
  it('creates with POST: 201, Location, the full record, system fields maintained', async () => {
    const response = await admin.post('/api/now/table/sys_user', {
      user_name: 'svc_created',
      first_name: 'Created',
      last_name: 'Account',
      web_service_access_only: true,
      sys_mod_count: '99',
    });
    expect(response.status).toBe(201);
    const { result } = await body(response);
    expect(response.headers.get('location')).toBe(`${sn.url}/api/now/table/sys_user/${String(result['sys_id'])}`);
    expect(result).toMatchObject({
      user_name: 'svc_created',
      name: 'Created Account',
      web_service_access_only: 'true',
      active: 'true',
      locked_out: 'false',
      sys_created_by: 'admin',
      sys_updated_by: 'admin',
      sys_mod_count: '0',
    });
  });

  it('updates with PATCH and PUT (partial), bumping sys_mod_count and writing sys_audit rows', async () => {
    const created = await body(await admin.post('/api/now/table/sys_user', { user_name: 'svc_audited', first_name: 'A', last_name: 'B' }));
    const id = String(created.result['sys_id']);
    const patched = await admin.patch(`/api/now/table/sys_user/${id}`, { locked_out: 'true' });
    expect(patched.status).toBe(200);
    expect((await body(patched)).result).toMatchObject({ locked_out: 'true', sys_mod_count: '1', first_name: 'A' });
    const put = await body(await admin.put(`/api/now/table/sys_user/${id}`, { email: 'x@example.com' }));
    expect(put.result).toMatchObject({ email: 'x@example.com', locked_out: 'true', sys_mod_count: '2' });
    const unchanged = await body(await admin.patch(`/api/now/table/sys_user/${id}`, { email: 'x@example.com' }));
    expect(unchanged.result['sys_mod_count']).toBe('2');

    const audit = await body<List>(
      await admin.get(`/api/now/table/sys_audit?sysparm_query=documentkey=${id}^ORDERBYrecord_checkpoint&sysparm_fields=fieldname,oldvalue,newvalue,user,record_checkpoint,tablename`),
    );
    expect(audit.result).toEqual([
      { fieldname: 'locked_out', oldvalue: 'false', newvalue: 'true', user: 'admin', record_checkpoint: '1', tablename: 'sys_user' },
      { fieldname: 'email', oldvalue: '', newvalue: 'x@example.com', user: 'admin', record_checkpoint: '2', tablename: 'sys_user' },
    ]);
  });

  it('deletes with 204 and an empty body, then answers 404', async () => {
    const created = await body(await admin.post('/api/now/table/sys_user_group', { name: 'Temporary' }));
    const id = String(created.result['sys_id']);
    const deleted = await admin.delete(`/api/now/table/sys_user_group/${id}`);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await admin.delete(`/api/now/table/sys_user_group/${id}`)).status).toBe(404);
  });

  it('processes only the first record of an array body', async () => {
    const response = await admin.post('/api/now/table/sys_user_group', [{ name: 'First Of Two' }, { name: 'Second Of Two' }]);
    expect(response.status).toBe(201);
    const second = await body<List>(await admin.get('/api/now/table/sys_user_group?name=Second Of Two'));
    expect(second.result).toEqual([]);
  });

  it('honours X-no-response-body and X-HTTP-Method-Override', async () => {
    const response = await fetch(`${sn.url}/api/now/table/sys_user_group`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`,
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'X-no-response-body': 'true',
      },
      body: JSON.stringify({ name: 'Quiet Group' }),
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('');
    const id = (response.headers.get('location') ?? '').split('/').pop() ?? '';
    const overridden = await fetch(`${sn.url}/api/now/table/sys_user_group/${id}`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, Accept: 'application/json', 'X-HTTP-Method-Override': 'DELETE' },
    });
    expect(overridden.status).toBe(204);
  });

  it('rejects a duplicate user_name with the database error envelope', async () => {
    const response = await admin.post('/api/now/table/sys_user', { user_name: 'svc_snac' });
    expect(response.status).toBe(403);
    expect(await body(response)).toEqual({ error: { message: 'Operation Failed', detail: 'Error during insert of sys_user (svc_snac)' }, status: 'failure' });
  });

  it('answers invalid JSON and oversized payloads with 400 Exception while reading request', async () => {
    const bad = await fetch(`${sn.url}/api/now/table/sys_user`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: '{"user_name": ',
    });
    expect(bad.status).toBe(400);
    expect((await body<{ error: { message: string } }>(bad)).error.message).toBe('Exception while reading request');
    const huge = await admin.post('/api/now/table/sys_user', { user_name: 'x', introduction: 'a'.repeat(10_485_761) });
    expect(huge.status).toBe(400);
    expect((await body<{ error: { detail: string } }>(huge)).error.detail).toMatch(
      /^Rejected large REST payload with content-length = \d+ bytes\. Max allowed: 10485760 bytes\.$/,
    );
  });
});
