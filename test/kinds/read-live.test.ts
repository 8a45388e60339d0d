import { naturalKey } from '../../src/model/keys.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupsGranting, heldRoles } from '../../src/kinds/access-model.js';
import type { LiveState } from '../../src/kinds/live.js';
import { readLive, type LiveSelection } from '../../src/kinds/read-live.js';
import { SeedWriter } from '../../src/emulator/seeds/writer.js';
import { accountScope } from '../../src/model/scope.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { fetchReader } from '../support/fetch-reader.js';

let sn: TestInstance;
beforeAll(async () => {
  sn = await startInstance({ seed: 'demo' });
});
afterAll(() => sn.close());

const selection = (overrides: Partial<LiveSelection> = {}): LiveSelection => ({
  scope: accountScope({ userNamePrefixes: ['svc_'], exclude: [] }, []),
  groups: ['cmdb importers', 'servicenow service accounts'].map(naturalKey),
  properties: ['glide.basicauth.required.soap', 'glide.basicauth.required.api'].map(naturalKey),
  owners: [naturalKey('grace.kim')],
  ...overrides,
});

describe('readLive against the demo instance, as the least-privileged reconciler', () => {
  it('reads the accounts in scope with owners as user_names and booleans as booleans', async () => {
    const live = await readLive(fetchReader(sn.url, 'svc_snac', 'snac'), selection(), { instance: 'demo' });
    const cmdb = live.records.ServiceAccount.find((a) => a.key === 'svc_cmdb_import');
    expect(cmdb?.fields).toMatchObject({ manager: 'dave.miller', web_service_access_only: true, active: true, locked_out: false });
    expect(cmdb?.sysId).toMatch(/^[0-9a-f]{32}$/);
    expect(live.records.ServiceAccount.find((a) => a.key === 'svc_backup_export')?.fields).toMatchObject({ locked_out: true, failed_attempts: 5 });
    expect(live.records.ServiceAccount.every((a) => a.key.startsWith('svc_'))).toBe(true);
    expect(live.records.ServiceAccount.some((a) => a.key === 'alice.nguyen')).toBe(false);
    expect(live.people.find((p) => p.key === 'dave.miller')?.fields).toMatchObject({ active: false, web_service_access_only: false });
    expect(live.people.find((p) => p.key === 'grace.kim')?.fields['active']).toBe(true);
  });

  it('separates direct grants from inherited ones and names the group an inherited role comes through', async () => {
    const live = await readLive(fetchReader(sn.url, 'svc_snac', 'snac'), selection(), { instance: 'demo' });
    expect(live.links.DirectRole.filter((l) => l.from === 'svc_reporting').map((l) => l.to)).toContain('admin');
    expect(live.links.DirectRole.some((l) => l.from === 'svc_cmdb_import')).toBe(false);
    expect(live.inheritedRoles.filter((r) => r.user === 'svc_cmdb_import')).toEqual(
      expect.arrayContaining([
        { user: 'svc_cmdb_import', role: 'u_cmdb_import', grantedBy: 'cmdb importers' },
        { user: 'svc_cmdb_import', role: 'import_transformer', grantedBy: 'cmdb importers' },
      ]),
    );
    expect(live.links.Membership.filter((m) => m.from === 'svc_cmdb_import').map((m) => m.to)).toEqual(['cmdb importers']);
    expect(live.links.GroupRole.filter((g) => g.from === 'cmdb importers').map((g) => g.to).sort()).toEqual(['itil', 'u_cmdb_import']);
    expect(live.links.RoleContains).toContainEqual(expect.objectContaining({ from: 'u_cmdb_import', to: 'import_transformer' }));
    expect(live.records.Role.find((r) => r.key === 'security_admin')?.fields['elevated_privilege']).toBe(true);
  });

  it('knows every active admin on the instance, in scope or not', async () => {
    const live = await readLive(fetchReader(sn.url, 'svc_snac', 'snac'), selection(), { instance: 'demo' });
    expect(live.activeAdmins).toEqual(expect.arrayContaining(['admin', 'svc_reporting', 'svc_powershell_admin', 'carmen.garcia', 'grace.kim']));
    expect(live.activeAdmins).not.toContain('svc_old_chatops');
  });

  it('reads properties that exist and leaves absent ones absent, as an admin', async () => {
    const live = await readLive(fetchReader(sn.url, 'admin', 'admin'), selection(), { instance: 'demo' });
    expect(live.records.SecuritySettings.map((p) => p.key)).toEqual(['glide.basicauth.required.soap']);
    expect(live.records.SecuritySettings[0]?.fields['value']).toBe('true');
    expect(live.unreadable).toBeUndefined();
  });

  it('reports the declared High Security properties the reconciler cannot read (read_roles=admin) as unreadable, not absent', async () => {
    const live = await readLive(fetchReader(sn.url, 'svc_snac', 'snac'), selection(), { instance: 'demo', readAs: 'svc_snac' });
    expect(live.records.SecuritySettings).toEqual([]);
    expect(live.unreadable).toEqual({ SecuritySettings: ['glide.basicauth.required.soap', 'glide.basicauth.required.api'] });
    expect(live.readAs).toBe('svc_snac');
  });

  it('goes on without grants of security_admin it cannot see, and says so; fails on any other hidden row of what it manages', async () => {
    const live = await readLive(fetchReader(sn.url, 'svc_snac', 'snac'), selection(), { instance: 'demo', readAs: 'svc_snac' });
    expect(live.hidden).toEqual([expect.objectContaining({ table: 'sys_user_has_role', count: 1, why: expect.stringMatching(/^grants of security_admin/) })]);
    expect(live.links.DirectRole.some((l) => l.to === 'security_admin')).toBe(false);
    sn.emulator.acl.tables.set('sys_user_grmember', { read: ['admin'], create: ['admin'], write: ['admin'], delete: ['admin'] });
    try {
      await expect(readLive(fetchReader(sn.url, 'svc_snac', 'snac'), selection(), { instance: 'demo', readAs: 'svc_snac' })).rejects.toThrow(
        /rows of sys_user_grmember \(memberships of the accounts in scope\) are hidden from svc_snac by read ACLs/,
      );
    } finally {
      sn.emulator.acl.tables.set('sys_user_grmember', { read: ['*'], create: ['user_admin'], write: ['user_admin'], delete: ['user_admin'] });
    }
  });

  it('leaves a field a field-level ACL hides out of the record, as unknown', async () => {
    sn.emulator.acl.restrictField('sys_user', 'email', ['admin']);
    try {
      const live = await readLive(fetchReader(sn.url, 'svc_snac', 'snac'), selection(), { instance: 'demo' });
      const account = live.records.ServiceAccount.find((a) => a.key === 'svc_cmdb_import');
      expect(account?.unknown).toEqual(['email']);
    } finally {
      sn.emulator.acl.restrictField('sys_user', 'email', []);
    }
  });

  it('keeps declared accounts outside the prefixes, and drops exclusions', async () => {
    const scope = accountScope({ userNamePrefixes: ['svc_'], exclude: ['svc_reporting'] }, ['admin']);
    const live = await readLive(fetchReader(sn.url, 'admin', 'admin'), selection({ scope }), { instance: 'demo' });
    expect(live.records.ServiceAccount.some((a) => a.key === 'admin')).toBe(true);
    expect(live.records.ServiceAccount.some((a) => a.key === 'svc_reporting')).toBe(false);
    expect(live.links.DirectRole.some((l) => l.from === 'svc_reporting')).toBe(false);
  });

  it('selects accounts by marker group membership', async () => {
    const scope = accountScope({ userNamePrefixes: [], markerGroup: 'Service Desk', exclude: [] }, []);
    const live = await readLive(fetchReader(sn.url, 'admin', 'admin'), selection({ scope }), { instance: 'demo' });
    expect(live.records.ServiceAccount.map((a) => a.key)).toContain('bob.smith');
    expect(live.records.ServiceAccount.some((a) => a.key.startsWith('svc_'))).toBe(false);
  });

  it('issues one paged query per table (two for sys_user: accounts, then owners; three for sys_user_has_role: the accounts\' grants, every active admin, and the count of hidden security_admin grants; two for sys_group_has_role: the declared groups, then the other groups of the accounts; two for sys_user_group: the named groups, then the parents of the others), however many accounts are declared', async () => {
    const declared = Array.from({ length: 500 }, (_, i) => `svc_declared_${i}`);
    const reader = fetchReader(sn.url, 'svc_snac', 'snac');
    await readLive(reader, selection({ scope: accountScope({ userNamePrefixes: ['svc_'], exclude: [] }, declared) }), { instance: 'demo' });
    expect(Object.fromEntries(reader.requests)).toEqual({
      sys_user: 2,
      sys_user_has_role: 3,
      sys_user_grmember: 1,
      sys_user_role: 1,
      sys_user_role_contains: 1,
      sys_user_group: 2,
      sys_group_has_role: 2,
      sys_properties: 1,
    });
  });
});

/** When a row was made or changed, as the live state keeps it (a service account's creation is one of its fields). */
const TIMESTAMPS = new Set(['updatedOn', 'createdOn', 'created_on']);

/** The live state with every row's timestamps blanked: what two instances seeded apart share. */
function withoutTimes(live: LiveState): unknown {
  return JSON.parse(JSON.stringify(live, (key, value: unknown) => (TIMESTAMPS.has(key) ? '' : value)));
}

describe('readLive on an instance with many people out of scope', () => {
  const read = async (seed: 'scale:30' | 'scale:30,people:400') => {
    const instance = await startInstance({ seed });
    try {
      const reader = fetchReader(instance.url, 'admin', 'admin');
      const live = await readLive(reader, selection({ scope: accountScope({ userNamePrefixes: ['svc_scale_'], exclude: [] }, []), groups: [], owners: [] }), { instance: 'scale' });
      return { live, requests: Object.fromEntries(reader.requests) };
    } finally {
      await instance.close();
    }
  };

  it('reads the same rows in the same requests with and without them, group roles of their groups included', async () => {
    const alone = await read('scale:30');
    const crowded = await read('scale:30,people:400');
    expect(crowded.requests).toEqual(alone.requests);
    // Two instances seeded a moment apart: rows are the same, their timestamps may not be.
    expect(withoutTimes(crowded.live)).toEqual(withoutTimes(alone.live));
    expect(crowded.live.links.GroupRole.length).toBeGreaterThan(0);
    expect(crowded.live.links.GroupRole.every((link) => link.from.startsWith('scale group'))).toBe(true);
  });

  it('follows group parents: a member of a child group holds its ancestors\' roles, read level by level (not from granted_by)', async () => {
    // An instance of its own: the groups planted here would change what the other tests read.
    const instance = await startInstance({ seed: 'demo' });
    try {
      const seed = new SeedWriter(instance.emulator);
      seed.group({ name: 'Lineage Root', roles: ['report_user'] });
      seed.group({ name: 'Lineage Middle', parent: 'Lineage Root' });
      seed.group({ name: 'Lineage Leaf', parent: 'Lineage Middle', roles: ['rest_api_explorer'] });
      seed.user({ user_name: 'svc_lineage', first_name: 'Lineage', web_service_access_only: true, groups: ['Lineage Leaf'] });
      const live = await readLive(fetchReader(instance.url, 'svc_snac', 'snac'), selection({ groups: [] }), { instance: 'demo' });
      expect(live.groupParents).toMatchObject({ 'lineage leaf': 'lineage middle', 'lineage middle': 'lineage root' });
      expect([...(heldRoles(live).get('svc_lineage') ?? [])].sort()).toEqual(['report_user', 'rest_api_explorer']);
      expect(groupsGranting(live, 'svc_lineage', 'report_user')).toEqual(['lineage leaf']);
    } finally {
      await instance.close();
    }
  });
});
