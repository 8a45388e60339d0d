import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeedWriter } from '../../src/emulator/seeds/writer.js';
import { addUser, body, startInstance, type TestInstance } from '../support/emulator.js';

/**
 * What a least-privileged account meets on a real instance, over real HTTP: snc_internal at
 * every login, properties with read_roles, security_admin grants visible only when elevated,
 * field-level read ACLs, "Assignable by", group parents, identity types.
 */
type List = { result: Record<string, string>[] };
let sn: TestInstance;
beforeEach(async () => {
  sn = await startInstance({ seed: 'empty', settings: { propertyReadRoles: true, hideElevatedRoleRows: true } });
  addUser(sn.emulator, 'svc_reader', 'pw', { roles: ['user_admin'], web_service_access_only: true });
});
afterEach(() => sn.close());

const idOf = (table: string, field: string, value: string) => sn.emulator.instance.findBy(table, field, value)?.values['sys_id'] ?? '';
const rolesOf = async (userName: string) => {
  const rows = await body<List>(
    await sn.as('admin', 'admin').get(`/api/now/table/sys_user_has_role?sysparm_query=user.user_name=${userName}&sysparm_fields=role.name,inherited`),
  );
  return rows.result.map((r) => `${r['role.name']}${r['inherited'] === 'true' ? ' (inherited)' : ''}`).sort();
};

describe('Explicit Roles: snc_internal at every login', () => {
  it('grants snc_internal as a direct row when a user signs in, and again after it was removed', async () => {
    expect(await rolesOf('svc_reader')).not.toContain('snc_internal');
    await sn.as('svc_reader', 'pw').get('/api/now/table/sys_user?sysparm_limit=1');
    expect(await rolesOf('svc_reader')).toContain('snc_internal');
    const row = sn.emulator.instance.store.lookup('sys_user_has_role', 'user', idOf('sys_user', 'user_name', 'svc_reader')).find(
      (r) => r.values['role'] === idOf('sys_user_role', 'name', 'snc_internal'),
    );
    expect((await sn.as('admin', 'admin').delete(`/api/now/table/sys_user_has_role/${row?.values['sys_id']}`)).status).toBe(204);
    expect(await rolesOf('svc_reader')).not.toContain('snc_internal');
    await sn.as('svc_reader', 'pw').get('/api/now/table/sys_user?sysparm_limit=1');
    expect(await rolesOf('svc_reader')).toContain('snc_internal');
  });

  it('leaves a user holding snc_external alone', async () => {
    addUser(sn.emulator, 'portal.user', 'pw', { roles: ['snc_external'] });
    await sn.as('portal.user', 'pw').get('/api/now/table/sys_user?sysparm_limit=1');
    expect(await rolesOf('portal.user')).toEqual(['snc_external']);
  });
});

describe('rows a least-privileged account cannot see', () => {
  it('hides High Security properties (read_roles=admin) from a reader with table access, counted before ACLs', async () => {
    sn.emulator.acl.grant('sys_properties', 'read', 'user_admin');
    const list = await sn.as('svc_reader', 'pw').get('/api/now/table/sys_properties?sysparm_query=nameSTARTSWITHglide.basicauth.required');
    expect(Number(list.headers.get('x-total-count'))).toBeGreaterThan(5);
    expect((await body<List>(list)).result).toEqual([]);
    const own = await sn.as('svc_reader', 'pw').get('/api/now/table/sys_properties?sysparm_query=name=glide.user.max_unlock_attempts');
    expect((await body<List>(own)).result).toHaveLength(1);
    const one = await sn.as('svc_reader', 'pw').get(`/api/now/table/sys_properties/${idOf('sys_properties', 'name', 'glide.soap.strict_security')}`);
    expect(one.status).toBe(404);
    const admin = await sn.as('admin', 'admin').get('/api/now/table/sys_properties?sysparm_query=nameSTARTSWITHglide.basicauth.required');
    expect((await body<List>(admin)).result.length).toBeGreaterThan(5);
  });

  it('shows grants of security_admin only to a session elevated to it: not to user_admin, not to a plain admin', async () => {
    const query = '/api/now/table/sys_user_has_role?sysparm_query=user.user_name=admin^role.name=security_admin';
    for (const [user, password] of [['svc_reader', 'pw'], ['admin', 'admin']] as const) {
      const list = await sn.as(user, password).get(query);
      expect(list.headers.get('x-total-count')).toBe('1');
      expect((await body<List>(list)).result).toEqual([]);
    }
    sn.emulator.instance.settings = { ...sn.emulator.instance.settings, restElevatedSecurityAdmin: true };
    expect((await body<List>(await sn.as('admin', 'admin').get(query))).result).toHaveLength(1);
  });

  it('leaves fields out of records when a field-level read ACL keeps them from the caller', async () => {
    const restrict = await fetch(`${sn.url}/__snac/acl/field`, { method: 'PUT', body: JSON.stringify({ table: 'sys_user', field: 'web_service_access_only', roles: ['admin'] }) });
    expect(restrict.status).toBe(200);
    const path = '/api/now/table/sys_user?sysparm_query=user_name=svc_reader&sysparm_fields=user_name,web_service_access_only,manager.web_service_access_only';
    const [row] = (await body<List>(await sn.as('svc_reader', 'pw').get(path))).result;
    expect(row).toEqual({ user_name: 'svc_reader' });
    const [full] = (await body<List>(await sn.as('admin', 'admin').get(path))).result;
    expect(full).toHaveProperty('web_service_access_only', 'true');
    expect(sn.emulator.snapshot().fieldAcls).toEqual({ 'sys_user.web_service_access_only': ['admin'] });
  });
});

describe('"Assignable by"', () => {
  beforeEach(() => {
    const seed = new SeedWriter(sn.emulator);
    seed.role('u_payroll_admin');
    seed.role('u_payroll_reader');
    sn.emulator.instance.update('sys_user_role', idOf('sys_user_role', 'name', 'u_payroll_reader'), { assignable_by: idOf('sys_user_role', 'name', 'u_payroll_admin') });
    seed.role('u_finance', { contains: ['u_payroll_reader'] });
    seed.group({ name: 'Finance', roles: ['u_finance'] });
    addUser(sn.emulator, 'svc_target', 'pw');
  });

  const refused = { error: { message: 'User Is Not Authorized To Perform This Action', detail: null }, status: 'failure' };

  it('refuses user_admin a direct grant, a group grant and a membership that bring the role, containment included', async () => {
    const reader = sn.as('svc_reader', 'pw');
    const user = idOf('sys_user', 'user_name', 'svc_target');
    for (const [path, payload] of [
      ['sys_user_has_role', { user, role: idOf('sys_user_role', 'name', 'u_payroll_reader') }],
      ['sys_user_has_role', { user, role: idOf('sys_user_role', 'name', 'u_finance') }],
      ['sys_user_grmember', { user, group: idOf('sys_user_group', 'name', 'Finance') }],
    ] as const) {
      const response = await reader.post(`/api/now/table/${path}`, payload);
      expect(response.status).toBe(403);
      expect(await body(response)).toEqual(refused);
    }
    expect(await rolesOf('svc_target')).toEqual([]);
  });

  it('lets a holder of the assigning role grant it', async () => {
    new SeedWriter(sn.emulator).grant('svc_reader', 'u_payroll_admin');
    const user = idOf('sys_user', 'user_name', 'svc_target');
    const response = await sn.as('svc_reader', 'pw').post('/api/now/table/sys_user_grmember', { user, group: idOf('sys_user_group', 'name', 'Finance') });
    expect(response.status).toBe(201);
    expect(await rolesOf('svc_target')).toEqual(['u_finance (inherited)', 'u_payroll_reader (inherited)']);
  });
});

describe('group parents (Role Management V2)', () => {
  it('gives members of a child group the roles of its parent, and takes them away when the parent changes', async () => {
    const seed = new SeedWriter(sn.emulator);
    seed.group({ name: 'Integrations', roles: ['itil'] });
    seed.group({ name: 'Integrations: CMDB', parent: 'Integrations' });
    addUser(sn.emulator, 'svc_cmdb', 'pw', { groups: ['Integrations: CMDB'] });
    expect(await rolesOf('svc_cmdb')).toEqual(['approver_user (inherited)', 'itil (inherited)', 'snc_platform_rest_api_access (inherited)']);
    const patch = await sn.as('admin', 'admin').patch(`/api/now/table/sys_user_group/${idOf('sys_user_group', 'name', 'Integrations: CMDB')}`, { parent: '' });
    expect(patch.status).toBe(200);
    expect(await rolesOf('svc_cmdb')).toEqual([]);
  });
});

describe('identity_type', () => {
  it('ticks web_service_access_only when an account becomes a machine, and unticks it for a human', async () => {
    const admin = sn.as('admin', 'admin');
    const created = await body(await admin.post('/api/now/table/sys_user', { user_name: 'svc_new', last_name: 'New', identity_type: 'machine' }));
    expect(created.result['web_service_access_only']).toBe('true');
    const human = await body(await admin.patch(`/api/now/table/sys_user/${String(created.result['sys_id'])}`, { identity_type: 'human' }));
    expect(human.result['web_service_access_only']).toBe('false');
    const flagOnly = await body(await admin.patch(`/api/now/table/sys_user/${String(created.result['sys_id'])}`, { web_service_access_only: 'true' }));
    expect(flagOnly.result).toMatchObject({ identity_type: 'human', web_service_access_only: 'true' });
  });
});

describe('safe harbor', () => {
  it('keeps every documented safe-harbor property at its safe value, and lets the others change', async () => {
    sn.emulator.instance.settings = { ...sn.emulator.instance.settings, restElevatedSecurityAdmin: true };
    const admin = sn.as('admin', 'admin');
    const set = (name: string, value: string) => admin.patch(`/api/now/table/sys_properties/${idOf('sys_properties', 'name', name)}`, { value });
    for (const name of ['glide.basicauth.required.soap', 'glide.ui.secure_cookies', 'glide.html.escape_script', 'glide.basicauth.required.databrokerrestapiprocessor']) {
      expect((await set(name, 'false')).status, name).toBe(403);
    }
    expect((await set('glide.sm.default_mode', 'allow')).status).toBe(403);
    for (const name of ['glide.basicauth.required.unl', 'glide.ui.rotate_sessions']) expect((await set(name, 'false')).status, name).toBe(200);
  });
});

describe('the emulator keeps its own platform facts', () => {
  it('imports nothing from the rest of src/', () => {
    const root = resolve(__dirname, '../../src/emulator');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : []));
    const outside: string[] = [];
    for (const file of files(root)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const target = resolve(join(file, '..'), match[1] ?? '');
        if (relative(root, target).startsWith('..')) outside.push(`${relative(root, file)} -> ${match[1]}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
