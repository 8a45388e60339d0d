import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECONCILER_ROLE, REQUIREMENTS } from '../../src/audit/requirements.js';
import { defaultAcls } from '../../src/emulator/acl.js';
import { RECONCILER_ROLE as SEEDED_RECONCILER_ROLE } from '../../src/emulator/seeds/empty.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { account, desiredState, group, property, role } from '../support/states.js';
import { audit, codes } from './support.js';

let sn: TestInstance;
beforeAll(async () => {
  sn = await startInstance({ seed: 'demo' });
});
afterAll(() => sn.close());

/** Declarations that need every write snac can make, and two High Security Settings the demo does not have. */
const everything = desiredState({
  accounts: [account('svc_catalog_api', {}, { groups: ['integrations'], roles: [] })],
  groups: [group('integrations', {}, ['itil'])],
  roles: [role('u_reader', {}, ['report_user'])],
  properties: [property('glide.basicauth.required.jsonv2', 'true'), property('glide.ui.session_timeout', '30')],
  config: { prune: 'delete' },
});

const line = (report: Awaited<ReturnType<typeof audit>>) => report.permissions.map((p) => `${p.status} ${p.operation} ${p.table}${p.needed ? '' : ' (not needed)'}`);

describe('audit: the reconciler preflight (nothing is written)', () => {
  it('passes svc_snac, the least-privileged set-up, on every operation it needs', async () => {
    sn.emulator.stats.reset();
    const report = await audit(sn.url, 'svc_snac', 'snac', everything);
    expect(report.permissions.filter((p) => p.status === 'missing')).toEqual([]);
    expect(report.permissions.find((p) => p.operation === 'create' && p.table === 'sys_user_role')?.reason).toBe(`${RECONCILER_ROLE} (the set-up's ACL)`);
    expect(report.permissions.find((p) => p.operation === 'read' && p.table === 'sysauto')?.reason).toBe('rows came back');
    expect(sn.emulator.stats.writes).toBe(0);
  });

  it('says High Security Settings cannot be changed over REST, and which declared ones differ', async () => {
    const report = await audit(sn.url, 'svc_snac', 'snac', everything);
    expect(report.permissions.at(-1)).toEqual({
      table: 'sys_properties', operation: 'write', purpose: 'change High Security Settings', needed: true, status: 'impossible',
      reason: 'needs security_admin, elevated; a REST session never is',
    });
    expect(codes(report.reconciler)).toEqual(['reconciler-cannot-set-hss svc_snac']);
    expect(report.reconciler[0]?.summary).toContain('1 declared High Security Setting differ from the instance, and svc_snac cannot change them over REST: glide.basicauth.required.jsonv2');
  });

  it('says so even for admin with security_admin: a REST session is never elevated', async () => {
    const report = await audit(sn.url, 'admin', 'admin', everything);
    expect(line(report).filter((l) => !l.startsWith('ok'))).toEqual(['impossible write sys_properties']);
    // admin's own grant of security_admin is visible only once elevated, so it reads as not held.
    expect(report.permissions.at(-1)?.reason).toBe('needs security_admin, elevated; a REST session never is');
  });

  it('names the missing role of an account without user_admin, and the 403 it would get (seed 002)', async () => {
    const report = await audit(sn.url, 'svc_okta_provisioning', 'demo', everything);
    const create = report.reconciler.find((f) => f.summary.startsWith('svc_okta_provisioning cannot create sys_user '));
    expect(create).toMatchObject({ severity: 'error', code: 'reconciler-permission' });
    expect(create?.summary).toContain('it needs user_admin');
    expect(create?.fix).toBe('grant user_admin to svc_okta_provisioning through its group; without it the instance answers 403 "ACL Exception Insert Failed due to security constraints"');
    expect(report.reconciler.find((f) => f.summary.includes('cannot read sysauto'))?.summary).toContain(`needs admin (or ${RECONCILER_ROLE} with the set-up's ACL)`);
    expect(report.reconciler[0]?.summary).toContain('no roles snac can see, as it cannot read sys_user_has_role');
    expect(report.reconciler.some((f) => f.code === 'reconciler-cannot-set-hss')).toBe(false);
  });

  it('marks what these declarations do not need, and makes no finding of it', async () => {
    const report = await audit(sn.url, 'svc_okta_provisioning', 'demo', desiredState());
    expect(line(report).filter((l) => l.endsWith('(not needed)'))).toEqual([
      'missing create sys_user_role (not needed)',
      'missing write sys_user_role (not needed)',
      'missing create sys_user_group (not needed)',
      'missing write sys_user_group (not needed)',
      'missing delete sys_user (not needed)',
      'missing create sys_properties (not needed)',
      'missing write sys_properties (not needed)',
      'missing create oauth_entity (not needed)',
      'missing write oauth_entity (not needed)',
      'missing create sys_user_role_contains (not needed)',
      'missing delete sys_user_role_contains (not needed)',
      'missing create sys_group_has_role (not needed)',
      'missing delete sys_group_has_role (not needed)',
      'missing create sys_user_grmember (not needed)',
      'missing delete sys_user_grmember (not needed)',
      'missing create sys_user_has_role (not needed)',
      'missing delete sys_user_has_role (not needed)',
      'impossible write sys_properties (not needed)',
    ]);
    expect(report.reconciler.every((f) => !f.summary.includes('sys_user_role '))).toBe(true);
  });

  it('warns when it cannot tell which account it acts as, and fails on one it cannot see', async () => {
    const unknown = await audit(sn.url, 'svc_snac', 'snac', desiredState(), null);
    expect(codes(unknown.reconciler)).toEqual(['reconciler-unknown']);
    expect(unknown.permissions).toEqual([]);
    const missing = await audit(sn.url, 'svc_snac', 'snac', desiredState(), 'svc_nobody');
    expect(codes(missing.reconciler)).toEqual(['reconciler-not-found svc_nobody']);
  });
});

describe('the requirements table', () => {
  it('asks for the roles the emulated base system ACLs ask for', () => {
    const acls = defaultAcls();
    for (const r of REQUIREMENTS) {
      const acl = acls.get(r.table);
      expect(acl?.[r.operation], `${r.operation} ${r.table}`).toEqual(r.roles);
    }
  });

  it('names the role the seeded set-up opens its ACLs to', () => {
    expect(RECONCILER_ROLE).toBe(SEEDED_RECONCILER_ROLE);
  });
});
