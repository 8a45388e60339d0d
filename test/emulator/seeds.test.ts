import { describe, expect, it } from 'vitest';
import { BASELINE_ROLES } from '../../src/model/baseline-roles.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { parseSeedName } from '../../src/emulator/seeds/index.js';
import { effectiveRoleNames } from '../../src/emulator/rules/role-graph.js';

function user(emulator: Emulator, userName: string): Record<string, string> {
  const row = emulator.instance.findBy('sys_user', 'user_name', userName);
  if (!row) throw new Error(`no user ${userName} in the seed`);
  return row.values;
}

function rolesOf(emulator: Emulator, userName: string): Set<string> {
  return effectiveRoleNames(emulator.instance, user(emulator, userName)['sys_id'] ?? '');
}

function userNameOf(emulator: Emulator, sysId: string): string {
  return emulator.instance.get('sys_user', sysId)?.values['user_name'] ?? '';
}

describe('seed: empty (a new instance)', () => {
  const emulator = new Emulator({ seed: 'empty' });

  it('ships the baseline roles with their containment and security_admin elevated', () => {
    for (const role of BASELINE_ROLES) expect(emulator.instance.findBy('sys_user_role', 'name', role.name)).toBeDefined();
    expect(emulator.instance.findBy('sys_user_role', 'name', 'security_admin')?.values['elevated_privilege']).toBe('true');
    const contains = emulator.instance.store.count('sys_user_role_contains');
    expect(contains).toBe(BASELINE_ROLES.reduce((n, r) => n + r.contains.length, 0));
  });

  it('holds the High Security Settings, writable only by security_admin, with REST API auth absent (fallback false)', () => {
    const soap = emulator.instance.findBy('sys_properties', 'name', 'glide.basicauth.required.soap')?.values;
    expect(soap).toMatchObject({ value: 'true', write_roles: 'security_admin', read_roles: 'admin', type: 'boolean' });
    expect(emulator.instance.findBy('sys_properties', 'name', 'glide.basicauth.required.api')).toBeUndefined();
  });

  it('has admin (well-known sys_id, admin + security_admin) and the non-interactive reconciler svc_snac', () => {
    expect(user(emulator, 'admin')['sys_id']).toBe('6816f79cc0a8016401c5a33be04be441');
    expect([...rolesOf(emulator, 'admin')]).toEqual(expect.arrayContaining(['admin', 'security_admin']));
    expect(user(emulator, 'svc_snac')).toMatchObject({ web_service_access_only: 'true', active: 'true' });
    expect([...rolesOf(emulator, 'svc_snac')].sort()).toEqual(['u_snac_reconciler', 'user_admin']);
  });

  it('gives the same sys_ids on every load', () => {
    expect(new Emulator({ seed: 'empty' }).instance.findBy('sys_user', 'user_name', 'svc_snac')?.values['sys_id']).toBe(
      user(emulator, 'svc_snac')['sys_id'],
    );
  });
});

describe('seed: demo (a realistic company with every failure the seeds describe)', () => {
  const emulator = new Emulator({ seed: 'demo' });
  const active = (name: string) => user(emulator, name)['active'];

  it('has a few hundred people and a few dozen service accounts', () => {
    const users = [...emulator.instance.store.scan('sys_user')];
    expect(users.filter((u) => u.values['identity_type'] === 'human').length).toBeGreaterThanOrEqual(250);
    expect(users.filter((u) => (u.values['user_name'] ?? '').startsWith('svc_')).length).toBeGreaterThanOrEqual(24);
  });

  it('contains each failure state on purpose', () => {
    expect(active(userNameOf(emulator, user(emulator, 'svc_cmdb_import')['manager'] ?? ''))).toBe('false');
    expect(user(emulator, 'svc_jira_sync')['web_service_access_only']).toBe('false');
    expect(user(emulator, 'svc_backup_export')).toMatchObject({ locked_out: 'true', failed_attempts: '5' });
    expect(active('svc_legacy_soap')).toBe('false');
    expect(rolesOf(emulator, 'svc_reporting').has('admin')).toBe(true);
    expect(user(emulator, 'svc_hr_feed')).toMatchObject({ manager: '', password_needs_reset: 'true' });
    expect(rolesOf(emulator, 'svc_okta_provisioning').has('user_admin')).toBe(false);
    expect(user(emulator, 'svc_mid_server_01')['internal_integration_user']).toBe('true');
    expect(rolesOf(emulator, 'svc_mid_server_01').has('soap_query')).toBe(true);
  });

  it('has active scheduled jobs whose run-as user is inactive, locked out, or a person', () => {
    const jobs = [...emulator.instance.store.scan('sysauto')].filter((j) => j.values['active'] === 'true');
    const runAs = jobs.map((j) => user(emulator, userNameOf(emulator, j.values['run_as'] ?? '') || 'admin'));
    expect(runAs.some((u) => u['active'] === 'false' && u['user_name'] === 'svc_legacy_soap')).toBe(true);
    expect(runAs.some((u) => u['locked_out'] === 'true')).toBe(true);
    expect(runAs.some((u) => u['identity_type'] === 'human' && u['active'] === 'false')).toBe(true);
    expect(jobs.every((j) => j.table === 'sysauto_script')).toBe(true);
  });

  it('has flows and Basic auth profiles that depend on service accounts', () => {
    expect(emulator.instance.store.count('sys_hub_flow')).toBeGreaterThanOrEqual(3);
    const profiles = [...emulator.instance.store.scan('sys_auth_profile_basic')].map((p) => p.values['username']);
    expect(profiles).toContain('svc_cmdb_import');
  });
});

describe('seed: scale:N', () => {
  it('creates N service accounts with 3 direct grants and 2 memberships each', () => {
    const emulator = new Emulator({ seed: 'scale:200' });
    const accounts = [...emulator.instance.store.scan('sys_user')].filter((u) => (u.values['user_name'] ?? '').startsWith('svc_scale_'));
    expect(accounts).toHaveLength(200);
    const direct = [...emulator.instance.store.scan('sys_user_has_role')].filter((r) => r.values['inherited'] === 'false');
    const scaleIds = new Set(accounts.map((a) => a.values['sys_id']));
    expect(direct.filter((r) => scaleIds.has(r.values['user'])).length).toBe(600);
    expect([...emulator.instance.store.scan('sys_user_grmember')].filter((m) => scaleIds.has(m.values['user'])).length).toBe(400);
  });

  it('rejects a malformed seed name with the accepted forms', () => {
    expect(() => parseSeedName('scale:lots')).toThrow('use empty, demo, scale:N');
    expect(() => parseSeedName('scale:10,people:')).toThrow('scale:N,people:M');
    expect(parseSeedName('scale:10000')).toBe('scale:10000');
    expect(parseSeedName('scale:10000,people:200000')).toBe('scale:10000,people:200000');
    expect(parseSeedName('scale:10,people:0')).toBe('scale:10');
  });

  it('people:M adds M employees with roles and memberships, none admin, and leaves the service accounts as they were', () => {
    const alone = new Emulator({ seed: 'scale:20' });
    const crowded = new Emulator({ seed: 'scale:20,people:100' });
    const users = (e: Emulator) => [...e.instance.store.scan('sys_user')];
    const people = users(crowded).filter((u) => (u.values['user_name'] ?? '').startsWith('person.'));
    expect(people).toHaveLength(100);
    expect(people.every((p) => p.values['identity_type'] === 'human')).toBe(true);
    const personIds = new Set(people.map((p) => p.values['sys_id']));
    const grants = [...crowded.instance.store.scan('sys_user_has_role')].filter((r) => personIds.has(r.values['user']));
    expect(grants.filter((r) => r.values['inherited'] === 'false')).toHaveLength(100);
    expect(grants.length).toBeGreaterThan(200);
    const adminId = crowded.instance.findBy('sys_user_role', 'name', 'admin')?.values['sys_id'];
    expect(grants.some((r) => r.values['role'] === adminId)).toBe(false);
    expect([...crowded.instance.store.scan('sys_user_grmember')].filter((m) => personIds.has(m.values['user']))).toHaveLength(200);
    const accounts = (e: Emulator) => users(e).filter((u) => (u.values['user_name'] ?? '').startsWith('svc_scale_')).map((u) => u.values['sys_id']).sort();
    expect(accounts(crowded)).toEqual(accounts(alone));
  });
});
