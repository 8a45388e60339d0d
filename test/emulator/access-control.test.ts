import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, body, startInstance, type TestInstance } from '../support/emulator.js';

type List = { result: Record<string, unknown>[] };
let sn: TestInstance;

beforeAll(async () => {
  sn = await startInstance({ seed: 'empty', settings: { hideElevatedRoleRows: true } });
  addUser(sn.emulator, 'svc_okta', 'pw', { roles: ['itil'], web_service_access_only: true });
  addUser(sn.emulator, 'svc_users', 'pw', { roles: ['user_admin'], web_service_access_only: true });
});
afterAll(() => sn.close());

const insertDenied = {
  error: { message: 'Operation Failed', detail: 'ACL Exception Insert Failed due to security constraints' },
  status: 'failure',
};

describe('access control by role (seed 002)', () => {
  it('reproduces Okta\'s "403 ACL Exception Insert Failed" for an integration account without user_admin', async () => {
    const response = await sn.as('svc_okta', 'pw').post('/api/now/table/sys_user', { user_name: 'jane.doe' });
    expect(response.status).toBe(403);
    expect(await body(response)).toEqual(insertDenied);
    expect(sn.emulator.instance.findBy('sys_user', 'user_name', 'jane.doe')).toBeUndefined();
  });

  it('lets user_admin create users, and refuses it role creation (admin only)', async () => {
    expect((await sn.as('svc_users', 'pw').post('/api/now/table/sys_user', { user_name: 'jane.roe' })).status).toBe(201);
    const role = await sn.as('svc_users', 'pw').post('/api/now/table/sys_user_role', { name: 'u_custom' });
    expect(role.status).toBe(403);
    expect(await body(role)).toEqual(insertDenied);
  });

  it('answers update and delete denials with their own ACL messages', async () => {
    const admin = sn.emulator.instance.findBy('sys_user', 'user_name', 'admin')?.values['sys_id'] ?? '';
    const update = await sn.as('svc_okta', 'pw').patch(`/api/now/table/sys_user/${admin}`, { title: 'x' });
    expect(update.status).toBe(403);
    expect(await body(update)).toEqual({
      error: { message: 'Operation Failed', detail: 'ACL Exception Update Failed due to security constraints' },
      status: 'failure',
    });
    const del = await sn.as('svc_okta', 'pw').delete(`/api/now/table/sys_user/${admin}`);
    expect((await body<{ error: { detail: string } }>(del)).error.detail).toBe('ACL Exception Delete Failed due to security constraints');
  });

  it('hides unreadable rows: 404 on one record, silently empty pages on lists (counted before ACLs)', async () => {
    const row = [...sn.emulator.instance.store.scan('sys_user_has_role')][0];
    const one = await sn.as('svc_okta', 'pw').get(`/api/now/table/sys_user_has_role/${row?.values['sys_id']}`);
    expect(one.status).toBe(404);
    expect(await body(one)).toEqual({
      error: { message: 'No Record found', detail: "Record doesn't exist or ACL restricts the record retrieval" },
      status: 'failure',
    });
    const list = await sn.as('svc_okta', 'pw').get('/api/now/table/sys_user_has_role?sysparm_limit=5');
    expect(list.status).toBe(200);
    expect(Number(list.headers.get('x-total-count'))).toBeGreaterThan(5);
    expect((await body<List>(list)).result).toEqual([]);
    expect(list.headers.get('link')).toContain('rel="next"');
  });

  it('lets a reader see what its ACLs allow: user_admin reads role grants, except those of security_admin', async () => {
    const securityAdmin = sn.emulator.instance.findBy('sys_user_role', 'name', 'security_admin')?.values['sys_id'];
    const list = await body<List>(await sn.as('svc_users', 'pw').get('/api/now/table/sys_user_has_role?sysparm_limit=50&sysparm_exclude_reference_link=true'));
    expect(list.result.length).toBeGreaterThan(0);
    expect(list.result.some((row) => row['role'] === securityAdmin)).toBe(false);
  });

  it('omits password hashes from every record, even for admin', async () => {
    const { result } = await body<List>(await sn.as('admin', 'admin').get('/api/now/table/sys_user'));
    expect(result.length).toBeGreaterThan(0);
    for (const record of result) expect(record).not.toHaveProperty('user_password');
  });
});

describe('High Security Settings are security_admin-protected', () => {
  it('refuses an admin REST session (not elevated) with 403, and allows it when the emulator is configured to', async () => {
    const property = sn.emulator.instance.findBy('sys_properties', 'name', 'glide.soap.strict_security');
    const id = property?.values['sys_id'] ?? '';
    const denied = await sn.as('admin', 'admin').patch(`/api/now/table/sys_properties/${id}`, { value: 'false' });
    expect(denied.status).toBe(403);
    expect((await body<{ error: { detail: string } }>(denied)).error.detail).toBe('ACL Exception Update Failed due to security constraints');
    sn.emulator.instance.settings = { ...sn.emulator.instance.settings, restElevatedSecurityAdmin: true };
    try {
      const allowed = await sn.as('admin', 'admin').patch(`/api/now/table/sys_properties/${id}`, { value: 'false' });
      expect(allowed.status).toBe(200);
      expect((await body(allowed)).result['value']).toBe('false');
    } finally {
      sn.emulator.instance.settings = { ...sn.emulator.instance.settings, restElevatedSecurityAdmin: false };
    }
  });

  it('keeps safe-harbor settings irreversible once set', async () => {
    sn.emulator.instance.settings = { ...sn.emulator.instance.settings, restElevatedSecurityAdmin: true };
    try {
      const admin = sn.as('admin', 'admin');
      const created = await admin.post('/api/now/table/sys_properties', {
        name: 'glide.basicauth.required.api',
        value: 'true',
        type: 'boolean',
        write_roles: 'security_admin',
      });
      expect(created.status).toBe(201);
      const id = String((await body(created)).result['sys_id']);
      const back = await admin.patch(`/api/now/table/sys_properties/${id}`, { value: 'false' });
      expect(back.status).toBe(403);
      expect((await body<{ error: { detail: string } }>(back)).error.detail).toMatch(
        /^Operation against file 'sys_properties' was aborted by Business Rule 'High Security safe harbor\^[0-9a-f]{32}'/,
      );
    } finally {
      sn.emulator.instance.settings = { ...sn.emulator.instance.settings, restElevatedSecurityAdmin: false };
    }
  });
});
