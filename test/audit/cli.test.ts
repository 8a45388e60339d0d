import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { captureIo } from '../support/io.js';

let sn: TestInstance | undefined;
afterEach(() => sn?.close());

async function project(seed: 'demo' | 'empty'): Promise<string> {
  sn = await startInstance({ seed });
  const root = mkdtempSync(join(tmpdir(), 'snac-audit-'));
  writeFileSync(join(root, 'snac.yaml'), `instances:
  - name: demo
    url: ${sn.url}
    auth: { type: basic, username_env: SNAC_USER, password_env: SNAC_PASSWORD }
    reconciler: svc_snac
scope:
  user_name_prefixes: [svc_]
prune: ignore
`);
  mkdirSync(join(root, 'accounts'));
  return root;
}

async function snac(root: string, argv: string[], env: Record<string, string> = { SNAC_USER: 'svc_snac', SNAC_PASSWORD: 'snac' }) {
  const io = captureIo(env, root);
  const code = await main(['audit', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('snac audit', () => {
  it('names each failure the demo company holds, and exits 2', async () => {
    const { code, out } = await snac(await project('demo'), []);
    expect(code).toBe(2);
    for (const expected of [
      'snac audit of demo (127.0.0.1',
      '[job-run-as-locked] scheduled job "Backup export to object storage" (sysauto_script) runs as svc_backup_export, which is locked out',
      '[job-run-as-inactive] scheduled job "Legacy SOAP reconciliation" (sysauto_script) runs as svc_legacy_soap, which is inactive',
      '[job-run-as-inactive] scheduled job "Nightly HR sync" (sysauto_script) runs as dave.miller, which is inactive',
      '[job-run-as-person] scheduled job "Weekly license report" (sysauto_script) runs as priya.patel, a person',
      '[flow-runs-as-initiator] flow "Okta user provisioning"',
      '[auth-profile-login-fails] Basic auth profile "Backup export loopback" logs in as svc_backup_export',
      '[account-owner-inactive] svc_cmdb_import is owned by dave.miller',
      '[account-owner-inactive] svc_teams_bot is owned by farid.haddad',
      '[account-owner-inactive] svc_asset_sync is owned by farid.haddad',
      '[account-owner-inactive] svc_hardening_bot is owned by dave.miller',
      '[account-interactive] svc_jira_sync is interactive',
      '[account-interactive] svc_powershell_admin is interactive',
      '[account-privileged] svc_reporting holds privileged roles admin (a direct grant)',
      '[account-privileged] svc_powershell_admin holds privileged roles admin (through it administrators)',
      '[audit-hidden-rows] 1 row of sys_user_has_role hidden from svc_snac: grants of security_admin',
      '[account-no-owner] svc_hr_feed has no owner',
      '[account-no-owner] svc_old_chatops has no owner',
      '[account-password-reset] svc_hr_feed must reset its password',
      '[account-locked-out] svc_backup_export is locked out after 5 failed logins',
      '[account-locked-out] svc_asset_sync is locked out after 7 failed logins',
      '[account-failed-attempts] svc_sso_scim has 4 failed logins',
      '[account-basic-auth] svc_backup_export signs in with Basic authentication only',
      'active service accounts in scope',
      'Privileged machine identities:\n  svc_powershell_admin: admin\n  svc_reporting: admin',
      'Permission preflight (nothing was written):',
      'NOT OVER REST write sys_properties',
      '26 findings (7 errors, 19 warnings).',
    ]) expect(out).toContain(expected);
  });

  it('names the role snac is missing when it runs as an account without user_admin (seed 002)', async () => {
    const root = await project('demo');
    writeFileSync(join(root, 'snac.yaml'), `instances:\n  - name: demo\n    url: ${sn?.url ?? ''}\n    auth: { type: basic, username_env: SNAC_USER, password_env: SNAC_PASSWORD }\n`);
    const { code, out } = await snac(root, [], { SNAC_USER: 'svc_okta_provisioning', SNAC_PASSWORD: 'demo' });
    expect(code).toBe(2);
    expect(out).toContain("snac's own account svc_okta_provisioning:");
    expect(out).toContain('[reconciler-permission] svc_okta_provisioning cannot create sys_user (create service accounts): it needs user_admin');
    expect(out).toContain('403 "ACL Exception Insert Failed due to security constraints"');
  });

  it('renders markdown and canonical JSON views of the same report', async () => {
    const root = await project('demo');
    const md = await snac(root, ['--format', 'markdown']);
    expect(md.code).toBe(2);
    expect(md.out).toMatch(/^### snac audit of `demo`/);
    expect(md.out).toContain('- ⛔ `job-run-as-locked`: scheduled job "Backup export to object storage" (sysauto\\_script)');
    expect(md.out).toContain('| ✅ | create | `sys_user` | create service accounts | user\\_admin |');
    const json = await snac(root, ['--format', 'json']);
    const report = JSON.parse(json.out) as { formatVersion: number; counts: { findings: number; errors: number }; dependents: { code: string }[]; permissions: unknown[] };
    expect(report).toMatchObject({ formatVersion: 1, counts: { findings: 26, errors: 7 } });
    expect(report.dependents.map((f) => f.code)).toContain('job-run-as-locked');
    expect(Object.keys(report)).toEqual([...Object.keys(report)].sort());
  });

  it('exits 0 on a healthy instance', async () => {
    const { code, out } = await snac(await project('empty'), []);
    expect(out).toContain('No findings');
    expect(code).toBe(0);
  });

  it('exits 1 on an error, without printing credentials', async () => {
    const root = await project('demo');
    const { code, err, out } = await snac(root, [], { SNAC_USER: 'svc_snac', SNAC_PASSWORD: 'wrong-secret-1234' });
    expect(code).toBe(1);
    expect(err).toContain('snac audit:');
    expect(err + out).not.toContain('wrong-secret-1234');
    expect((await snac(root, ['--format', 'yaml'])).code).toBe(1);
  });
});
