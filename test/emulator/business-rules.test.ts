import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeedWriter } from '../../src/emulator/seeds/writer.js';
import { addUser, body, startInstance, type TestInstance } from '../support/emulator.js';

type List = { result: Record<string, string>[] };
let sn: TestInstance;
let seed: SeedWriter;

beforeEach(async () => {
  sn = await startInstance({ seed: 'empty' });
  seed = new SeedWriter(sn.emulator);
});
afterEach(() => sn.close());

/** The user's sys_user_has_role rows as the Table API shows them. */
async function roleRows(userName: string): Promise<Record<string, string>[]> {
  const query = encodeURIComponent(`user.user_name=${userName}^ORDERBYrole.name`);
  const response = await sn
    .as('admin', 'admin')
    .get(`/api/now/table/sys_user_has_role?sysparm_query=${query}&sysparm_fields=role.name,inherited,inh_count,granted_by.name&sysparm_exclude_reference_link=true`);
  return (await body<List>(response)).result;
}

const names = (rows: Record<string, string>[]) => rows.map((r) => `${r['role.name']}${r['inherited'] === 'true' ? '' : ' (direct)'}`);

describe('group membership grants roles as inherited rows (Role Management V2)', () => {
  it('adds the group roles and the roles they contain, granted by the group, and removes them with the membership', async () => {
    seed.group({ name: 'ServiceNow Service Accounts', roles: ['itil', 'rest_api_explorer'] });
    addUser(sn.emulator, 'svc_cmdb', 'pw');
    const admin = sn.as('admin', 'admin');
    const member = await admin.post('/api/now/table/sys_user_grmember', {
      user: seed.userId('svc_cmdb'),
      group: seed.groupId('ServiceNow Service Accounts'),
    });
    expect(member.status).toBe(201);
    const rows = await roleRows('svc_cmdb');
    expect(names(rows)).toEqual(['approver_user', 'itil', 'rest_api_explorer', 'snc_platform_rest_api_access']);
    for (const row of rows) {
      expect(row).toMatchObject({ inherited: 'true', inh_count: '1', 'granted_by.name': 'ServiceNow Service Accounts' });
    }
    const removed = await admin.delete(`/api/now/table/sys_user_grmember/${String((await body(member)).result['sys_id'])}`);
    expect(removed.status).toBe(204);
    expect(await roleRows('svc_cmdb')).toEqual([]);
  });

  it('counts paths in inh_count when two groups grant the same role, and keeps the role until both are gone', async () => {
    seed.group({ name: 'A', roles: ['itil'] });
    seed.group({ name: 'B', roles: ['itil'] });
    addUser(sn.emulator, 'svc_two', 'pw', { groups: ['A', 'B'] });
    expect((await roleRows('svc_two')).find((r) => r['role.name'] === 'itil')?.['inh_count']).toBe('2');
    const membership = sn.emulator.instance.store.lookup('sys_user_grmember', 'group', seed.groupId('A'))[0];
    await sn.as('admin', 'admin').delete(`/api/now/table/sys_user_grmember/${membership?.values['sys_id']}`);
    expect((await roleRows('svc_two')).find((r) => r['role.name'] === 'itil')?.['inh_count']).toBe('1');
  });

  it('propagates group role changes and containment changes to every member', async () => {
    seed.group({ name: 'Readers', roles: [] });
    seed.role('u_reader');
    addUser(sn.emulator, 'svc_r1', 'pw', { groups: ['Readers'] });
    addUser(sn.emulator, 'svc_r2', 'pw', { groups: ['Readers'] });
    const admin = sn.as('admin', 'admin');
    const grant = await admin.post('/api/now/table/sys_group_has_role', { group: seed.groupId('Readers'), role: seed.roleId('u_reader') });
    expect(grant.status).toBe(201);
    expect(names(await roleRows('svc_r2'))).toEqual(['u_reader']);
    await admin.post('/api/now/table/sys_user_role_contains', { role: seed.roleId('u_reader'), contains: seed.roleId('report_user') });
    expect(names(await roleRows('svc_r1'))).toEqual(['report_user', 'u_reader']);
    await admin.delete(`/api/now/table/sys_group_has_role/${String((await body(grant)).result['sys_id'])}`);
    expect(await roleRows('svc_r1')).toEqual([]);
  });

  it('keeps a direct grant as its own row next to an inherited one, and a direct role brings its contained roles', async () => {
    seed.group({ name: 'Fulfillers', roles: ['itil'] });
    addUser(sn.emulator, 'svc_both', 'pw', { roles: ['itil', 'soap'], groups: ['Fulfillers'] });
    expect(names(await roleRows('svc_both'))).toEqual([
      'approver_user',
      'itil (direct)',
      'itil',
      'snc_platform_rest_api_access',
      'soap (direct)',
      'soap_create',
      'soap_delete',
      'soap_ecc',
      'soap_query',
      'soap_script',
      'soap_update',
    ]);
  });

  it('refuses to delete an inherited row: remove the membership instead', async () => {
    seed.group({ name: 'G', roles: ['itil'] });
    addUser(sn.emulator, 'svc_inh', 'pw', { groups: ['G'] });
    const inherited = sn.emulator.instance.store.lookup('sys_user_has_role', 'user', seed.userId('svc_inh'))[0];
    const response = await sn.as('admin', 'admin').delete(`/api/now/table/sys_user_has_role/${inherited?.values['sys_id']}`);
    expect(response.status).toBe(403);
    expect((await body<{ error: { detail: string } }>(response)).error.detail).toMatch(
      /^Operation against file 'sys_user_has_role' was aborted by Business Rule 'Prevent removal of inherited roles\^[0-9a-f]{32}'/,
    );
  });

  it('ignores a client-supplied inherited=true on insert: the row is a direct grant', async () => {
    addUser(sn.emulator, 'svc_fake', 'pw');
    const response = await sn.as('admin', 'admin').post('/api/now/table/sys_user_has_role', {
      user: seed.userId('svc_fake'),
      role: seed.roleId('itil'),
      inherited: 'true',
    });
    expect((await body(response)).result['inherited']).toBe('false');
  });
});

describe('grant guards', () => {
  beforeEach(() => {
    addUser(sn.emulator, 'svc_granter', 'pw', { roles: ['user_admin'] });
    addUser(sn.emulator, 'svc_target', 'pw');
    seed.group({ name: 'Admins', roles: ['admin'] });
  });

  it('lets only admin grant admin, directly or through a group', async () => {
    const granter = sn.as('svc_granter', 'pw');
    const direct = await granter.post('/api/now/table/sys_user_has_role', { user: seed.userId('svc_target'), role: seed.roleId('admin') });
    expect(direct.status).toBe(403);
    expect((await body<{ error: { detail: string } }>(direct)).error.detail).toContain("Business Rule 'Admin role assignment check^");
    const viaGroup = await granter.post('/api/now/table/sys_user_grmember', { user: seed.userId('svc_target'), group: seed.groupId('Admins') });
    expect(viaGroup.status).toBe(403);
    const byAdmin = await sn.as('admin', 'admin').post('/api/now/table/sys_user_has_role', { user: seed.userId('svc_target'), role: seed.roleId('admin') });
    expect(byAdmin.status).toBe(201);
  });

  it('needs an elevated session for security_admin, which REST sessions do not have', async () => {
    const response = await sn.as('admin', 'admin').post('/api/now/table/sys_user_has_role', {
      user: seed.userId('svc_target'),
      role: seed.roleId('security_admin'),
    });
    expect(response.status).toBe(403);
    expect((await body<{ error: { detail: string } }>(response)).error.detail).toContain("Business Rule 'Elevated role assignment check^");
  });

  it('keeps mid_server and security_admin apart', async () => {
    seed.grant('svc_target', 'security_admin');
    const response = await sn.as('admin', 'admin').post('/api/now/table/sys_user_has_role', {
      user: seed.userId('svc_target'),
      role: seed.roleId('mid_server'),
    });
    expect(response.status).toBe(403);
    expect((await body<{ error: { detail: string } }>(response)).error.detail).toContain("Business Rule 'Validate MID Server role^");
  });
});

describe('first login grants snc_internal (Explicit Roles)', () => {
  it('adds an snc_internal row the account never declared when it first logs in', async () => {
    addUser(sn.emulator, 'svc_new', 'pw');
    expect(await roleRows('svc_new')).toEqual([]);
    expect((await sn.as('svc_new', 'pw').get('/api/now/table/sys_user?sysparm_limit=1')).status).toBe(200);
    const rows = await roleRows('svc_new');
    expect(names(rows)).toEqual(['snc_internal (direct)']);
  });
});

describe('cascades', () => {
  it('deleting a group removes its memberships and the roles they granted', async () => {
    seed.group({ name: 'Doomed', roles: ['itil'] });
    addUser(sn.emulator, 'svc_member', 'pw', { groups: ['Doomed'] });
    const response = await sn.as('admin', 'admin').delete(`/api/now/table/sys_user_group/${seed.groupId('Doomed')}`);
    expect(response.status).toBe(204);
    expect(sn.emulator.instance.store.lookup('sys_user_grmember', 'user', seed.userId('svc_member'))).toEqual([]);
    expect(await roleRows('svc_member')).toEqual([]);
  });
});
