import { naturalKey } from '../../src/model/keys.js';
import { describe, expect, it } from 'vitest';
import { blastRadius } from '../../src/impact/blast-radius.js';
import type { Dependents } from '../../src/impact/dependents.js';
import type { AccessChange, Change } from '../../src/plan/change.js';
import { plan } from '../../src/planner/plan.js';
import { account, desiredState, group, link, liveAccount, liveState } from '../support/states.js';
import { mechanicsOnly } from '../support/plan-context.js';

const dependents: Dependents = {
  jobs: [
    { name: 'CMDB nightly import', table: 'sysauto_script', runAs: 'svc_cmdb_import' },
    { name: 'CMDB stale CI cleanup', table: 'sysauto_script', runAs: 'svc_cmdb_import' },
    { name: 'Backup export', table: 'sysauto_script', runAs: 'svc_backup' },
  ],
  flows: [{ name: 'Okta user provisioning', status: 'published', runAs: 'user', runWithRoles: [] }],
  authProfiles: [{ name: 'CMDB loopback import', username: 'svc_cmdb_import' }],
  oauthClients: [{ name: 'Jira Cloud sync', account: 'svc_jira' }, { name: 'Backup console', account: 'svc_backup' }],
  users: [],
};

const change = (c: Partial<Change> & Pick<Change, 'kind' | 'key' | 'action'>): Change => ({ fields: [], origin: 'declared', risk: 'normal', risks: [], ...c });
const lost = (account: string, roles: string[]): AccessChange => ({ account, gained: [], lost: roles, privilegedGained: [], privilegedLost: [] });

describe('blastRadius', () => {
  it.each([
    {
      name: 'a deactivation (prune)',
      change: change({ kind: 'ServiceAccount', key: 'svc_cmdb_import', action: 'deactivate' }),
      access: [],
      expected: ['deactivating svc_cmdb_import stops 2 scheduled jobs running as it: CMDB nightly import, CMDB stale CI cleanup; and breaks 1 Basic auth profile that logs in as it: CMDB loopback import'],
    },
    {
      name: 'a declared active: false',
      change: change({ kind: 'ServiceAccount', key: 'svc_backup', action: 'update', fields: [{ field: 'active', before: true, after: false }] }),
      access: [],
      expected: ['deactivating svc_backup stops 1 scheduled job running as it: Backup export; and stops 1 OAuth client whose tokens act as it: Backup console'],
    },
    {
      name: 'an account only an OAuth client acts as',
      change: change({ kind: 'ServiceAccount', key: 'svc_jira', action: 'deactivate' }),
      access: [],
      expected: ['deactivating svc_jira stops 1 OAuth client whose tokens act as it: Jira Cloud sync'],
    },
    {
      name: 'a role taken from an account an OAuth client acts as',
      change: change({ kind: 'DirectRole', key: 'svc_jira → itil', action: 'revoke', link: { from: naturalKey('svc_jira'), to: naturalKey('itil') } }),
      access: [lost('svc_jira', ['itil'])],
      expected: ['removing itil from svc_jira narrows 1 OAuth client whose tokens act as it: Jira Cloud sync'],
    },
    {
      name: 'a lock-out',
      change: change({ kind: 'ServiceAccount', key: 'svc_backup', action: 'update', fields: [{ field: 'locked_out', before: false, after: true }] }),
      access: [],
      expected: ['locking svc_backup out stops 1 scheduled job running as it: Backup export; and stops 1 OAuth client whose tokens act as it: Backup console'],
    },
    {
      name: 'a deletion',
      change: change({ kind: 'ServiceAccount', key: 'svc_backup', action: 'delete' }),
      access: [],
      expected: ['deleting svc_backup stops 1 scheduled job running as it: Backup export; and stops 1 OAuth client whose tokens act as it: Backup console'],
    },
    {
      name: 'a direct role revoked',
      change: change({ kind: 'DirectRole', key: 'svc_backup → itil', action: 'revoke', link: { from: naturalKey('svc_backup'), to: naturalKey('itil') } }),
      access: [lost('svc_backup', ['itil'])],
      expected: ['removing itil from svc_backup changes what 1 scheduled job running as it can do: Backup export; and narrows 1 OAuth client whose tokens act as it: Backup console'],
    },
    {
      name: 'a group role revoked, reaching its members',
      change: change({ kind: 'GroupRole', key: 'cmdb → itil', action: 'revoke', link: { from: naturalKey('cmdb'), to: naturalKey('itil') } }),
      access: [lost('svc_cmdb_import', ['itil']), lost('svc_other', ['itil'])],
      expected: ['removing itil from svc_cmdb_import (through cmdb → itil) changes what 2 scheduled jobs running as it can do: CMDB nightly import, CMDB stale CI cleanup; and narrows 1 Basic auth profile that logs in as it: CMDB loopback import'],
    },
    {
      name: 'a revoke the account does not feel (the role comes another way too)',
      change: change({ kind: 'Membership', key: 'svc_backup → ops', action: 'revoke', link: { from: naturalKey('svc_backup'), to: naturalKey('ops') } }),
      access: [],
      expected: [],
    },
    { name: 'an account nothing runs as', change: change({ kind: 'ServiceAccount', key: 'svc_idle', action: 'deactivate' }), access: [], expected: [] },
    { name: 'a grant', change: change({ kind: 'DirectRole', key: 'svc_backup → itil', action: 'grant', link: { from: naturalKey('svc_backup'), to: naturalKey('itil') } }), access: [], expected: [] },
    { name: 'an unlock', change: change({ kind: 'ServiceAccount', key: 'svc_backup', action: 'update', fields: [{ field: 'locked_out', before: true, after: false }] }), access: [], expected: [] },
  ])('$name', ({ change: c, access, expected }) => {
    expect(blastRadius(c, { dependents, access })).toEqual(expected);
  });

  it('lists five names and counts the rest', () => {
    const many: Dependents = { ...dependents, jobs: Array.from({ length: 7 }, (_, i) => ({ name: `job ${i + 1}`, table: 'sysauto_script', runAs: 'svc_busy' })) };
    const [line] = blastRadius(change({ kind: 'ServiceAccount', key: 'svc_busy', action: 'deactivate' }), { dependents: many, access: [] });
    expect(line).toBe('deactivating svc_busy stops 7 scheduled jobs running as it: job 1, job 2, job 3, job 4, job 5 and 2 more');
  });
});

describe('blast radius in the plan', () => {
  const live = liveState({
    accounts: [liveAccount('svc_cmdb_import'), liveAccount('svc_backup')],
    memberships: [link('sys_user_grmember', 'svc_backup', 'ops')],
    groupRoles: [link('sys_group_has_role', 'ops', 'itil')],
  });

  it('makes a deactivation high-risk with its dependents, after the generic line', () => {
    const desired = desiredState({ accounts: [account('svc_backup')] });
    const p = plan(desired, live, mechanicsOnly({ dependents }));
    const prune = p.changes.find((c) => c.key === 'svc_cmdb_import');
    expect(prune?.risk).toBe('high');
    expect(prune?.risks).toEqual([
      { code: 'deactivates', summary: 'deactivates svc_cmdb_import: it can no longer log in, and nothing can run as it' },
      { code: 'breaks-dependents', summary: 'deactivating svc_cmdb_import stops 2 scheduled jobs running as it: CMDB nightly import, CMDB stale CI cleanup; and breaks 1 Basic auth profile that logs in as it: CMDB loopback import' },
    ]);
  });

  it('makes a declared active: false or locked_out: true as high-risk as a prune, with its dependents', () => {
    const desired = desiredState({ accounts: [account('svc_backup'), account('svc_cmdb_import', { active: false })] });
    const deactivated = plan(desired, live, mechanicsOnly({ dependents })).changes.find((c) => c.key === 'svc_cmdb_import');
    expect(deactivated?.action).toBe('update');
    expect(deactivated?.risks.map((r) => r.code)).toEqual(['deactivates', 'breaks-dependents']);
    const locked = plan(desiredState({ accounts: [account('svc_backup'), account('svc_cmdb_import', { locked_out: true })] }), live, mechanicsOnly({ dependents })).changes.find((c) => c.key === 'svc_cmdb_import');
    expect(locked?.risks[0]).toEqual({ code: 'locks-out', summary: 'locks out svc_cmdb_import: it can no longer log in, and nothing can run as it' });
    expect(locked?.risks.map((r) => r.code)).toEqual(['locks-out', 'breaks-dependents']);
  });

  it('makes a membership revoke high-risk when the account loses roles a job runs with', () => {
    const desired = desiredState({ accounts: [account('svc_backup', {}, { groups: [] }), account('svc_cmdb_import')], groups: [group('ops', {}, ['itil'])] });
    const revoke = plan(desired, live, mechanicsOnly({ dependents })).changes.find((c) => c.kind === 'Membership');
    expect(revoke).toMatchObject({ action: 'revoke', risk: 'high', risks: [{ code: 'breaks-dependents', summary: 'removing itil from svc_backup changes what 1 scheduled job running as it can do: Backup export; and narrows 1 OAuth client whose tokens act as it: Backup console' }] });
  });

  it('leaves changes as they were without dependents', () => {
    const desired = desiredState({ accounts: [account('svc_backup', {}, { groups: [] })] });
    expect(plan(desired, live, mechanicsOnly()).changes.find((c) => c.kind === 'Membership')?.risks).toEqual([]);
  });
});
