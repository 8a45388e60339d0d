import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependentFindings } from '../../src/audit/dependents.js';
import type { Dependents } from '../../src/impact/dependents.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { audit, codes } from './support.js';

let sn: TestInstance;
beforeAll(async () => {
  sn = await startInstance({ seed: 'demo' });
  sn.emulator.instance.insert('sysauto_script', { name: 'Orphaned export', run_as: 'ffffffffffffffffffffffffffffffff' });
});
afterAll(() => sn.close());

describe('audit: what runs as unusable users, on the demo instance', () => {
  it('names every job, flow and auth profile that fails or will fail silently (seed 000)', async () => {
    const report = await audit(sn.url, 'svc_snac', 'snac');
    expect(codes(report.dependents)).toEqual([
      'job-run-as-locked Asset sync from Intune',
      'job-run-as-locked Backup export to object storage',
      'job-run-as-inactive Legacy SOAP reconciliation',
      'job-run-as-inactive Nightly HR sync',
      'job-run-as-person Nightly HR sync',
      'job-run-as-missing Orphaned export',
      'job-run-as-person Weekly license report',
      'flow-runs-as-initiator Okta user provisioning',
      'auth-profile-login-fails Backup export loopback',
    ]);
    expect(report.checked).toMatchObject({ jobs: 8, flows: 3, authProfiles: 4 });
  });

  it.each([
    ['job-run-as-locked', 'scheduled job "Backup export to object storage" (sysauto_script) runs as svc_backup_export, which is locked out'],
    ['job-run-as-inactive', 'scheduled job "Legacy SOAP reconciliation" (sysauto_script) runs as svc_legacy_soap, which is inactive'],
    ['job-run-as-person', 'scheduled job "Weekly license report" (sysauto_script) runs as priya.patel, a person rather than a service account'],
    ['job-run-as-missing', 'scheduled job "Orphaned export" (sysauto_script) runs as a user that no longer exists'],
    ['flow-runs-as-initiator', 'flow "Okta user provisioning" runs as the user who triggers it'],
    ['auth-profile-login-fails', 'Basic auth profile "Backup export loopback" logs in as svc_backup_export, which is locked out'],
  ])('%s says what and who', async (code, says) => {
    const report = await audit(sn.url, 'svc_snac', 'snac');
    const finding = report.dependents.find((f) => f.code === code && f.summary.startsWith(says));
    expect(finding?.summary).toContain(says);
    expect(finding?.fix).toBeTruthy();
  });
});

describe('dependentFindings', () => {
  const user = (key: string, state: Partial<{ active: boolean; lockedOut: boolean; nonInteractive: boolean; identityType: string }> = {}) => ({ key, active: true, lockedOut: false, nonInteractive: true, identityType: 'machine', ...state });
  const base: Dependents = { jobs: [], flows: [], authProfiles: [], oauthClients: [], users: [] };
  const serviceAccount = (u: { nonInteractive: boolean; identityType: string }) => u.nonInteractive || u.identityType === 'machine';

  it.each([
    { name: 'a healthy run-as service account', dependents: { ...base, jobs: [{ name: 'j', table: 'sysauto_script', runAs: 'svc_ok' }], users: [user('svc_ok')] }, expected: [] },
    { name: 'a flow running as system', dependents: { ...base, flows: [{ name: 'f', status: 'published', runAs: 'system', runWithRoles: [] }] }, expected: [] },
    { name: 'a user flow with roles of its own', dependents: { ...base, flows: [{ name: 'f', status: 'published', runAs: 'user', runWithRoles: ['itil'] }] }, expected: [] },
    { name: 'a draft user flow', dependents: { ...base, flows: [{ name: 'f', status: 'draft', runAs: 'user', runWithRoles: [] }] }, expected: [] },
    { name: 'a profile for a remote system', dependents: { ...base, authProfiles: [{ name: 'p', username: 'jira@acme.example' }] }, expected: [] },
    { name: 'a profile logging in as an inactive account', dependents: { ...base, authProfiles: [{ name: 'p', username: 'svc_off' }], users: [user('svc_off', { active: false })] }, expected: ['auth-profile-login-fails p'] },
    { name: 'a job running as an inactive, locked person', dependents: { ...base, jobs: [{ name: 'j', table: 'sysauto_script', runAs: 'ann' }], users: [user('ann', { active: false, lockedOut: true, nonInteractive: false, identityType: 'human' })] }, expected: ['job-run-as-inactive j', 'job-run-as-locked j', 'job-run-as-person j'] },
  ])('$name', ({ dependents, expected }) => {
    expect(codes(dependentFindings(dependents, serviceAccount))).toEqual(expected);
  });
});
