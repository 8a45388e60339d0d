import { naturalKey } from '../../src/model/keys.js';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { describe, expect, it } from 'vitest';
import { group, link, liveAccount, liveRecord } from '../support/states.js';
import { findingsOf, instance, project, serviceAccount, where } from './support.js';

describe('policy no-direct-roles', () => {
  it.each([
    { name: 'roles through a group', account: serviceAccount('svc_a'), expected: [] },
    { name: 'an explicit empty list', account: serviceAccount('svc_a', { roles: [] }), expected: [] },
    { name: 'direct grants', account: serviceAccount('svc_a', { roles: ['itil', 'rest_api_explorer'] }), expected: ['svc_a@accounts/svc_a.yaml:20'] },
  ])('$name', ({ account, expected }) => {
    const findings = findingsOf('no-direct-roles', project([account]), instance());
    expect(where(findings)).toEqual(expected);
    for (const f of findings) expect(f).toMatchObject({ severity: 'warning', blocking: false, summary: 'svc_a is granted itil, rest_api_explorer directly' });
  });
});

describe('policy forbidden-roles', () => {
  const admins = group('admins', {}, ['admin']);
  it.each([
    { name: 'harmless roles', account: serviceAccount('svc_a', { roles: ['itil'] }), groups: [], expected: [] },
    { name: 'admin granted directly', account: serviceAccount('svc_a', { roles: ['itil', 'admin'] }), groups: [], expected: ['svc_a@accounts/svc_a.yaml:21'] },
    { name: 'admin through a group', account: serviceAccount('svc_a', { groups: ['admins'] }), groups: [admins], expected: ['svc_a@accounts/svc_a.yaml:1'] },
    { name: 'declared privileged with a reason', account: serviceAccount('svc_a', { roles: ['admin'], privilegedReason: 'break-glass automation, reviewed quarterly' }), groups: [], expected: [] },
  ])('$name', ({ account, groups, expected }) => {
    expect(where(findingsOf('forbidden-roles', project([account], { groups }), instance()))).toEqual(expected);
  });

  it('finds security_admin granted to the parent of a group the account belongs to (group lineage, not granted_by)', () => {
    const live = {
      ...instance({
        accounts: [liveAccount('svc_a')],
        memberships: [link('sys_user_grmember', 'svc_a', 'hardening')],
        groupRoles: [link('sys_group_has_role', 'platform security', 'security_admin')],
        // granted_by is deprecated under Role Management V2: an inherited row naming a group is not how access is told.
        inheritedRoles: [{ user: naturalKey('svc_a'), role: naturalKey('itil'), grantedBy: 'hardening' }],
      }),
      groupParents: { hardening: 'platform security' },
    };
    const findings = findingsOf('forbidden-roles', project([serviceAccount('svc_a', { groups: ['hardening'] })]), live);
    expect(findings.map((f) => f.summary)).toEqual(['svc_a would hold security_admin, which policy.forbidden_roles forbids for service accounts']);
    const leaving = findingsOf('forbidden-roles', project([serviceAccount('svc_a', { groups: [] })]), live);
    expect(leaving).toEqual([]);
  });

  it('names who granted a forbidden role by hand, and how to make snac revoke it, when the declaration has no roles: list', () => {
    const grant = { ...link('sys_user_has_role', 'svc_a', 'admin'), version: { table: 'sys_user_has_role', sysId: 'g1', modCount: 0, updatedOn: '2026-10-14 09:12:00', updatedBy: 'jane.doe', createdOn: '2026-10-14 09:12:00' } };
    const live = instance({ accounts: [liveAccount('svc_a')], directRoles: [grant] });
    const findings = findingsOf('forbidden-roles', project([serviceAccount('svc_a')]), live);
    expect(findings.map((f) => [f.summary, f.fix])).toEqual([[
      'svc_a holds admin (granted directly on test.service-now.com by jane.doe on 2026-10-14), which policy.forbidden_roles forbids for service accounts',
      'the declaration has no roles: list, so snac leaves the account\'s direct grants alone: add roles: with only the roles it should keep (roles: [] for none) and the plan revokes admin; if the account really needs it, declare privileged: { reason: ... }',
    ]]);
    expect(findingsOf('forbidden-roles', project([serviceAccount('svc_a', { roles: [] })]), live)).toEqual([]);
  });

  it('follows snac.yaml: its own list of forbidden roles', () => {
    const desired = project([serviceAccount('svc_a', { roles: ['user_admin'] })], { config: { policy: { ...DEFAULT_CONFIG.policy, forbiddenRoles: ['user_admin'], rules: {} } } });
    expect(where(findingsOf('forbidden-roles', desired, instance()))).toEqual(['svc_a@accounts/svc_a.yaml:20']);
  });
});

describe('policy privileged-roles', () => {
  const elevated = [liveRecord('sys_user_role', 'u_break_glass', { name: 'u_break_glass', elevated_privilege: true })];
  const config = (privilegedRoles: string[]) => ({ policy: { ...DEFAULT_CONFIG.policy, privilegedRoles } });
  it.each([
    { name: 'ordinary roles', account: serviceAccount('svc_a', { roles: ['itil'] }), privileged: [], expected: [] },
    { name: 'an elevated role on the instance', account: serviceAccount('svc_a', { roles: ['itil', 'u_break_glass'] }), privileged: [], expected: ['svc_a@accounts/svc_a.yaml:21'] },
    { name: 'a role snac.yaml calls privileged', account: serviceAccount('svc_a', { roles: ['user_admin'] }), privileged: ['user_admin'], expected: ['svc_a@accounts/svc_a.yaml:20'] },
    { name: 'with a privileged exemption', account: serviceAccount('svc_a', { roles: ['u_break_glass'], privilegedReason: 'break-glass automation' }), privileged: [], expected: [] },
    { name: 'a forbidden role: left to forbidden-roles', account: serviceAccount('svc_a', { roles: ['admin'] }), privileged: [], expected: [] },
  ])('$name', ({ account, privileged, expected }) => {
    const live = instance({ roles: [...instance().records.Role, ...elevated] });
    expect(where(findingsOf('privileged-roles', project([account], { config: config(privileged) }), live))).toEqual(expected);
  });
});
