import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { liveFingerprint, rowVersions } from '../../src/plan/fingerprint.js';
import { simulate } from '../../src/plan/simulate.js';
import { plan } from '../../src/planner/plan.js';
import { account, desiredState, group, link, liveAccount, liveRecord, liveState, property, role } from '../support/states.js';
import { mechanicsOnly } from '../support/plan-context.js';

const summary = (p: ReturnType<typeof plan>) => p.changes.map((c) => `${c.action} ${c.kind} ${c.key}`);

describe('plan: per kind', () => {
  it('creates a declared account with the declared fields and its links, in apply order', () => {
    const desired = desiredState({
      accounts: [account('svc_new', { web_service_access_only: true, manager: 'Alice.Nguyen' }, { groups: ['ops'], roles: ['itil'] })],
      groups: [group('ops', { description: 'Ops' }, ['rest_api_explorer'])],
    });
    const p = plan(desired, liveState(), mechanicsOnly());
    expect(summary(p)).toEqual([
      'create Group ops',
      'grant GroupRole ops → rest_api_explorer',
      'create ServiceAccount svc_new',
      'grant DirectRole svc_new → itil',
      'grant Membership svc_new → ops',
    ]);
    expect(p.changes[2]?.fields).toEqual([
      { field: 'user_name', before: null, after: 'svc_new' },
      { field: 'manager', before: null, after: 'alice.nguyen' },
      { field: 'web_service_access_only', before: null, after: true },
    ]);
    expect(p.counts).toMatchObject({ create: 2, grant: 3, update: 0 });
    expect(p.access).toEqual([{ account: 'svc_new', gained: ['itil', 'rest_api_explorer'], lost: [], privilegedGained: [], privilegedLost: [] }]);
  });

  it('plans nothing when live matches, ignoring fields that are not declared', () => {
    const desired = desiredState({ accounts: [account('svc_a', { active: true }, { groups: [] })] });
    const live = liveState({ accounts: [liveAccount('svc_a', { email: 'whatever@x', failed_attempts: 3 })] });
    expect(plan(desired, live, mechanicsOnly()).changes).toEqual([]);
  });

  it('updates only the fields that differ, comparing owners case-insensitively', () => {
    const desired = desiredState({ accounts: [account('svc_a', { manager: 'Bob.Smith', web_service_access_only: true, email: 'a@x' })] });
    const live = liveState({ accounts: [liveAccount('svc_a', { manager: 'bob.smith', web_service_access_only: false, email: 'b@x' })] });
    const p = plan(desired, live, mechanicsOnly());
    expect(p.changes).toHaveLength(1);
    expect(p.changes[0]).toMatchObject({ action: 'update', fields: [{ field: 'email', before: 'b@x', after: 'a@x' }, { field: 'web_service_access_only', before: false, after: true }] });
  });

  it('leaves memberships and direct roles alone when the declaration does not list them', () => {
    const desired = desiredState({ accounts: [account('svc_a')] });
    const live = liveState({ accounts: [liveAccount('svc_a')], memberships: [link('sys_user_grmember', 'svc_a', 'ops')], directRoles: [link('sys_user_has_role', 'svc_a', 'itil')] });
    expect(plan(desired, live, mechanicsOnly()).changes).toEqual([]);
  });

  it('revokes undeclared links before pruning, and deactivates undeclared accounts in scope', () => {
    const desired = desiredState({ accounts: [account('svc_a', {}, { groups: [], roles: [] })] });
    const live = liveState({
      accounts: [liveAccount('svc_a'), liveAccount('svc_gone'), liveAccount('svc_already_off', { active: false })],
      memberships: [link('sys_user_grmember', 'svc_a', 'ops')],
      directRoles: [link('sys_user_has_role', 'svc_a', 'itil')],
    });
    const p = plan(desired, live, mechanicsOnly());
    expect(summary(p)).toEqual(['revoke DirectRole svc_a → itil', 'revoke Membership svc_a → ops', 'deactivate ServiceAccount svc_gone']);
    expect(p.changes[2]).toMatchObject({ origin: 'prune', risk: 'high', fields: [{ field: 'active', before: true, after: false }] });
  });

  it('follows the prune policy: delete, or ignore', () => {
    const live = liveState({ accounts: [liveAccount('svc_gone')] });
    expect(summary(plan(desiredState({ config: { prune: 'delete' } }), live, mechanicsOnly()))).toEqual(['delete ServiceAccount svc_gone']);
    expect(plan(desiredState({ config: { prune: 'ignore' } }), live, mechanicsOnly()).changes).toEqual([]);
  });

  it('never prunes the reconciler itself', () => {
    const live = liveState({ accounts: [liveAccount('svc_snac')] });
    expect(plan(desiredState(), live, mechanicsOnly({ reconciler: 'svc_snac' })).changes).toEqual([]);
  });

  it('skips accounts declared for other instances (and prunes them there)', () => {
    const desired = desiredState({ accounts: [account('svc_prod_only', {}, { instances: ['prod'] })] });
    expect(plan(desired, liveState(), mechanicsOnly({ instanceName: 'prod' })).changes).toHaveLength(1);
    expect(plan(desired, liveState(), mechanicsOnly({ instanceName: 'dev' })).changes).toEqual([]);
    const live = liveState({ accounts: [liveAccount('svc_prod_only')] });
    expect(summary(plan(desired, live, mechanicsOnly({ instanceName: 'dev' })))).toEqual(['deactivate ServiceAccount svc_prod_only']);
  });

  it('creates and updates custom roles and their containment', () => {
    const desired = desiredState({ roles: [role('u_reader', { description: 'Reads' }, ['itil'])] });
    const live = liveState();
    expect(summary(plan(desired, live, mechanicsOnly()))).toEqual(['create Role u_reader', 'grant RoleContains u_reader → itil']);
  });

  it('sets properties that differ or have no row, and says what they were', () => {
    const desired = desiredState({ properties: [property('glide.basicauth.required.soap', 'true'), property('glide.basicauth.required.api', 'true')] });
    const live = liveState({ properties: [liveRecord('sys_properties', 'glide.basicauth.required.soap', { value: 'false', write_roles: 'security_admin' })] });
    const p = plan(desired, live, mechanicsOnly());
    expect(p.changes.map((c) => [c.key, c.fields[0]?.before, c.fields[0]?.after])).toEqual([
      ['glide.basicauth.required.api', null, 'true'],
      ['glide.basicauth.required.soap', 'false', 'true'],
    ]);
  });
});

describe('plan: effective access', () => {
  it('shows roles gained through a group role change for every member, with privileged roles flagged', () => {
    const desired = desiredState({ groups: [group('ops', {}, ['itil', 'admin'])], accounts: [account('svc_a'), account('svc_b')] });
    const live = liveState({
      accounts: [liveAccount('svc_a'), liveAccount('svc_b')],
      groups: [liveRecord('sys_user_group', 'ops', { name: 'ops' })],
      memberships: [link('sys_user_grmember', 'svc_a', 'ops'), link('sys_user_grmember', 'svc_b', 'ops')],
      groupRoles: [link('sys_group_has_role', 'ops', 'itil')],
      roleContains: [link('sys_user_role_contains', 'admin', 'user_admin')],
    });
    const p = plan(desired, live, mechanicsOnly());
    expect(p.access).toEqual([
      { account: 'svc_a', gained: ['admin', 'user_admin'], lost: [], privilegedGained: ['admin'], privilegedLost: [] },
      { account: 'svc_b', gained: ['admin', 'user_admin'], lost: [], privilegedGained: ['admin'], privilegedLost: [] },
    ]);
    expect(p.changes[0]).toMatchObject({ kind: 'GroupRole', risk: 'high', risks: [
      { code: 'privileged-grant', summary: 'grants the privileged role admin', roles: ['admin'] },
      { code: 'group-members', summary: 'changes the roles of 2 members of ops' },
    ] });
  });
});

describe('plan: origin', () => {
  it('marks a change as drift when the base declarations would have produced it too', () => {
    const base = desiredState({ accounts: [account('svc_a', { web_service_access_only: true }), account('svc_b', { email: 'old@x' })] });
    const desired = desiredState({ accounts: [account('svc_a', { web_service_access_only: true }), account('svc_b', { email: 'new@x' })] });
    const live = liveState({ accounts: [liveAccount('svc_a', { web_service_access_only: false }), liveAccount('svc_b', { email: 'old@x' })] });
    const p = plan(desired, live, mechanicsOnly({ base }));
    expect(p.changes.map((c) => [c.key, c.origin])).toEqual([['svc_a', 'drift'], ['svc_b', 'declared']]);
  });
});

describe('plan: safety rails', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => liveAccount(`svc_${String(i).padStart(3, '0')}`));

  it('blocks more prunes than allowed, unless allowed explicitly', () => {
    const live = liveState({ accounts: many(12) });
    const desired = desiredState({ config: { safety: { maxPrunes: 10, maxChangeShare: 1, minAdmins: 1 } } });
    expect(plan(desired, live, mechanicsOnly()).findings).toEqual([expect.objectContaining({ code: 'too-many-prunes', blocking: true, severity: 'error' })]);
    expect(plan(desired, live, mechanicsOnly({ allow: ['too-many-prunes'] })).findings).toEqual([expect.objectContaining({ code: 'too-many-prunes', blocking: false, severity: 'warning' })]);
  });

  it('blocks changing more than the allowed share of accounts', () => {
    const accounts = many(20);
    const desired = desiredState({ accounts: accounts.map((a) => account(a.key, { email: 'changed@x' })) });
    expect(plan(desired, liveState({ accounts }), mechanicsOnly()).findings.map((f) => f.code)).toEqual(['too-many-changes']);
  });

  it('refuses to cut off the reconciler account', () => {
    const desired = desiredState({ accounts: [account('svc_snac', { active: false }, { roles: [] })] });
    const live = liveState({ accounts: [liveAccount('svc_snac')], directRoles: [link('sys_user_has_role', 'svc_snac', 'user_admin')] });
    const codes = plan(desired, live, mechanicsOnly({ reconciler: 'svc_snac' })).findings.map((f) => f.code);
    expect(codes).toEqual(['reconciler-self', 'reconciler-self', 'reconciler-self']);
  });

  it('blocks leaving fewer active admins than safety.minAdmins, counting admins outside scope', () => {
    const desired = desiredState({ accounts: [account('svc_ops', {}, { roles: [] })], config: { safety: { maxPrunes: 10, maxChangeShare: 1, minAdmins: 2 } } });
    const live = (others: string[]) =>
      liveState({ accounts: [liveAccount('svc_ops')], directRoles: [link('sys_user_has_role', 'svc_ops', 'admin')], activeAdmins: ['svc_ops', ...others] });
    expect(plan(desired, live(['admin']), mechanicsOnly()).findings.map((f) => [f.code, f.summary])).toEqual([
      ['min-admins', 'only 1 active admin would remain (svc_ops would lose admin), fewer than safety.min_admins (2)'],
    ]);
    expect(plan(desired, live(['admin', 'break.glass']), mechanicsOnly()).findings).toEqual([]);
  });

  it('blocks granting a role the instance does not have, unless this plan creates it', () => {
    const desired = desiredState({ accounts: [account('svc_a', {}, { roles: ['sn_incident_read', 'u_new'] })], roles: [role('u_new')] });
    const findings = plan(desired, liveState({ accounts: [liveAccount('svc_a')] }), mechanicsOnly()).findings;
    expect(findings.map((f) => [f.code, f.summary, f.blocking])).toEqual([
      ['unknown-role', 'role "sn_incident_read" does not exist on test.service-now.com (DirectRole svc_a → sn_incident_read)', true],
    ]);
    expect(findings[0]?.at).toEqual({ file: 'accounts/test.yaml', line: 1, column: 1 });
  });

  it('refuses to prune an interactive account nobody declared', () => {
    const live = liveState({ accounts: [liveAccount('svc_person_like', { web_service_access_only: false })] });
    expect(plan(desiredState(), live, mechanicsOnly()).findings.map((f) => f.code)).toEqual(['interactive-account']);
  });

  it('blocks granting or revoking an elevated role, which needs an elevated session, with the manual steps', () => {
    const desired = desiredState({ accounts: [account('svc_a', {}, { roles: ['security_admin'] }), account('svc_b', {}, { roles: [] })] });
    const live = liveState({ accounts: [liveAccount('svc_a'), liveAccount('svc_b')], directRoles: [link('sys_user_has_role', 'svc_b', 'security_admin')] });
    const findings = plan(desired, live, mechanicsOnly()).findings;
    expect(findings.map((f) => [f.code, f.record?.key])).toEqual([
      ['needs-elevation', 'svc_a → security_admin'],
      ['needs-elevation', 'svc_b → security_admin'],
    ]);
    expect(findings[0]?.fix).toContain('Elevate role');
  });

  it('flags irreversible settings and settings a REST session cannot write, with the manual steps', () => {
    const p = plan(desiredState({ properties: [property('glide.basicauth.required.api', 'true')] }), liveState(), mechanicsOnly());
    expect(p.findings.map((f) => f.code)).toEqual(['irreversible-setting', 'needs-elevation']);
    expect(p.findings[1]?.fix).toContain('High Security Settings');
    expect(p.findings[0]?.at).toEqual({ file: 'accounts/test.yaml', line: 1, column: 1 });
  });
});

describe('plan: determinism and fingerprints', () => {
  it('gives the same plan hash for the same changes, whatever the input order and source lines', () => {
    const a = desiredState({ accounts: [account('svc_b'), account('svc_a')] });
    const b = desiredState({ accounts: [account('svc_a'), account('svc_b')] });
    const live = liveState();
    expect(plan(a, live, mechanicsOnly()).planHash).toBe(plan(b, live, mechanicsOnly()).planHash);
    expect(plan(a, live, mechanicsOnly()).changes.map((c) => c.key)).toEqual(['svc_a', 'svc_b']);
  });

  it('changes the live fingerprint when any row read is modified', () => {
    const one = liveAccount('svc_a');
    const live = liveState({ accounts: [one] });
    const modified = liveState({ ...live, accounts: [{ ...one, version: { ...one.version, modCount: 1 } }] });
    expect(plan(desiredState(), live, mechanicsOnly()).liveFingerprint).not.toBe(plan(desiredState(), modified, mechanicsOnly()).liveFingerprint);
    expect(plan(desiredState(), live, mechanicsOnly()).liveFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the SHA-256 of the lines table:sys_id:mod_count sorted as text, also when one sys_id starts another', () => {
    const ids = ['u1', 'u10', 'u1a', 'u', 'u19', 'u2', 'U1'];
    const accounts = ids.map((id, i) => {
      const one = liveAccount(`svc_${i}`);
      return { ...one, sysId: id, version: { ...one.version, sysId: id, modCount: i * 5 } };
    });
    const live = liveState({ accounts, groups: [liveRecord('Group', 'team', {})] });
    const lines = rowVersions(live).map((v) => `${v.table}:${v.sysId}:${v.modCount}`);
    expect(lines.length).toBeGreaterThan(ids.length);
    expect(liveFingerprint(live)).toBe(createHash('sha256').update(lines.sort().join('\n')).digest('hex'));
  });
});

describe('plan hash', () => {
  it('is the same whether or not the plan was compared with a base (origins are not what a plan does)', () => {
    const desired = desiredState({ accounts: [account('svc_a', { web_service_access_only: true })] });
    const live = liveState({ accounts: [liveAccount('svc_a', { web_service_access_only: false })] });
    const withBase = plan(desired, live, mechanicsOnly({ base: desired }));
    const without = plan(desired, live, mechanicsOnly());
    expect(withBase.changes[0]?.origin).toBe('drift');
    expect(without.changes[0]?.origin).toBe('declared');
    expect(withBase.planHash).toBe(without.planHash);
  });
});

describe('plan: duplicate link rows', () => {
  const copies = (from: string, to: string) => {
    const older = link('sys_user_grmember', from, to);
    const newer = link('sys_user_grmember', from, to);
    return [{ ...older, version: { ...older.version, createdOn: '2026-01-01 00:00:00' } }, { ...newer, version: { ...newer.version, createdOn: '2026-06-01 00:00:00' } }];
  };
  const live = liveState({ accounts: [liveAccount('svc_snac')], groups: [liveRecord('sys_user_group', 'ops', { name: 'ops' })], memberships: copies('svc_snac', 'ops') });

  it('removes the extra row of a managed link, even on snac\'s own account, and converges', () => {
    const desired = desiredState({ accounts: [account('svc_snac', {}, { groups: ['ops'] })] });
    const p = plan(desired, live, mechanicsOnly({ reconciler: 'svc_snac' }));
    expect(p.changes.map((c) => [c.action, c.key, c.origin, c.duplicate, c.risk])).toEqual([['delete', 'svc_snac → ops (row 2)', 'duplicate', 2, 'normal']]);
    expect(p.findings).toEqual([]);
    expect(plan(desired, simulate(live, p.changes), mechanicsOnly({ reconciler: 'svc_snac' })).changes).toEqual([]);
  });

  it('leaves the copies of a relation the declaration does not manage', () => {
    expect(plan(desiredState({ accounts: [account('svc_snac')] }), live, mechanicsOnly()).changes).toEqual([]);
  });
});
