import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDependents } from '../../src/impact/read-dependents.js';
import { basicClient } from '../support/client.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { fetchReader } from '../support/fetch-reader.js';

let sn: TestInstance;
beforeAll(async () => {
  sn = await startInstance({ seed: 'demo' });
});
afterAll(() => sn.close());

describe('readDependents against the demo instance', () => {
  it('reads active jobs with a run-as user (subtypes included), as the reconciler', async () => {
    const dependents = await readDependents(basicClient(sn.url, 'svc_snac', 'snac'));
    expect(dependents.jobs).toEqual([
      { name: 'Asset sync from Intune', table: 'sysauto_script', runAs: 'svc_asset_sync' },
      { name: 'Backup export to object storage', table: 'sysauto_script', runAs: 'svc_backup_export' },
      { name: 'CMDB nightly import', table: 'sysauto_script', runAs: 'svc_cmdb_import' },
      { name: 'CMDB stale CI cleanup', table: 'sysauto_script', runAs: 'svc_cmdb_import' },
      { name: 'Legacy SOAP reconciliation', table: 'sysauto_script', runAs: 'svc_legacy_soap' },
      { name: 'Nightly HR sync', table: 'sysauto_script', runAs: 'dave.miller' },
      { name: 'Weekly license report', table: 'sysauto_script', runAs: 'priya.patel' },
    ]);
  });

  it('reads active flows with their run-as mode and their own roles by name', async () => {
    const { flows } = await readDependents(basicClient(sn.url, 'svc_snac', 'snac'));
    expect(flows).toEqual([
      { name: 'CMDB import follow-up', status: 'published', runAs: 'system', runWithRoles: ['itil', 'u_cmdb_import'] },
      { name: 'Incident auto-assignment', status: 'published', runAs: 'system', runWithRoles: [] },
      { name: 'Okta user provisioning', status: 'published', runAs: 'user', runWithRoles: [] },
    ]);
  });

  it('reads auth profiles without their passwords, and the users everything runs as', async () => {
    const dependents = await readDependents(basicClient(sn.url, 'svc_snac', 'snac'));
    expect(dependents.authProfiles.map((p) => `${p.name} → ${p.username}`)).toEqual([
      'Backup export loopback → svc_backup_export',
      'CMDB loopback import → svc_cmdb_import',
      'Jira outbound → jira-integration@acme.example',
      'Teams notifications loopback → svc_teams_bot',
    ]);
    expect(JSON.stringify(dependents)).not.toContain('demo');
    expect(dependents.users.map((u) => u.key)).toEqual(['dave.miller', 'priya.patel', 'svc_asset_sync', 'svc_backup_export', 'svc_cmdb_import', 'svc_legacy_soap', 'svc_snac', 'svc_teams_bot']);
    expect(dependents.users.find((u) => u.key === 'svc_backup_export')).toEqual({ key: 'svc_backup_export', active: true, lockedOut: true, nonInteractive: true, identityType: 'machine' });
    expect(dependents.users.find((u) => u.key === 'dave.miller')).toMatchObject({ active: false, nonInteractive: false, identityType: 'human' });
  });

  it('reads active OAuth clients bound to a user, never their secrets', async () => {
    const dependents = await readDependents(basicClient(sn.url, 'svc_snac', 'snac'));
    expect(dependents.oauthClients).toEqual([{ name: 'snac reconciler', account: 'svc_snac' }]);
    expect(JSON.stringify(dependents)).not.toContain('snac-demo-secret');
  });

  it('marks a job whose run-as user no longer exists with an empty run-as', async () => {
    const orphan = sn.emulator.instance.insert('sysauto_script', { name: 'Orphaned export', run_as: 'ffffffffffffffffffffffffffffffff' });
    try {
      const { jobs } = await readDependents(basicClient(sn.url, 'svc_snac', 'snac'));
      expect(jobs.find((j) => j.name === 'Orphaned export')).toEqual({ name: 'Orphaned export', table: 'sysauto_script', runAs: '' });
    } finally {
      // The other tests read the demo's jobs as seeded, in whatever order they run.
      sn.emulator.instance.delete('sysauto_script', orphan.values['sys_id'] ?? '');
    }
  });

  it('makes one paged query per table, never one per account', async () => {
    const reader = fetchReader(sn.url, 'svc_snac', 'snac');
    await readDependents(reader);
    expect(Object.fromEntries(reader.requests)).toEqual({ sysauto: 1, sys_hub_flow: 1, sys_auth_profile_basic: 1, oauth_entity: 1, sys_user_role: 1, sys_user: 1 });
  });

  it('sees nothing where the caller may not read (the audit checks this)', async () => {
    const dependents = await readDependents(basicClient(sn.url, 'svc_okta_provisioning', 'demo'));
    expect(dependents).toEqual({ jobs: [], flows: [], authProfiles: [], oauthClients: [], users: [] });
  });
});
