import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeedWriter } from '../../src/emulator/seeds/writer.js';
import { main as run } from '../../src/main.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { captureIo } from '../support/io.js';

/**
 * "Assignable by", over real HTTP: a role only holders of another role may grant. snac reads it
 * through containment, reports it in the preflight (snac audit) and in the plan before apply,
 * and explains the instance's 403 if it is applied anyway.
 */
let sn: TestInstance;
let root: string;

const CONFIG = `scope:
  user_name_prefixes: [svc_pay, svc_snac]
`;
const ACCOUNT = `kind: ServiceAccount
user_name: svc_payroll
first_name: Payroll
last_name: Export
owner: admin
purpose: Exports payroll data.
roles: [u_finance]
`;

beforeEach(async () => {
  sn = await startInstance({ seed: 'empty' });
  const seed = new SeedWriter(sn.emulator);
  seed.role('u_payroll_admin');
  seed.role('u_payroll_reader');
  const id = (name: string) => sn.emulator.instance.findBy('sys_user_role', 'name', name)?.values['sys_id'] ?? '';
  sn.emulator.instance.update('sys_user_role', id('u_payroll_reader'), { assignable_by: id('u_payroll_admin') });
  seed.role('u_finance', { contains: ['u_payroll_reader'] });
  root = mkdtempSync(join(tmpdir(), 'snac-assignable-'));
  writeFileSync(join(root, 'snac.yaml'), `${CONFIG}known_roles: [u_finance, u_payroll_reader, u_payroll_admin]\n`);
  mkdirSync(join(root, 'accounts'));
  writeFileSync(join(root, 'accounts', 'payroll.yaml'), ACCOUNT);
});
afterEach(() => sn.close());

const env = { SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'snac', SNAC_RECONCILER: 'svc_snac', SNAC_CLIENT_ID: '', SNAC_CLIENT_SECRET: '' };
const snac = async (...argv: string[]) => {
  const io = captureIo(env, root);
  const code = await run([...argv, '--instance-url', sn.url], io);
  return { code, out: io.out(), err: io.err() };
};

describe('a grant of a role whose Assignable by the reconciler lacks', () => {
  it('is reported in the plan before apply, through containment, and blocks the apply', async () => {
    const planned = await snac('plan');
    expect(planned.code).toBe(1);
    expect(planned.out).toMatch(
      /error \[assignable-by\] svc_payroll → u_finance brings u_payroll_reader \(assignable by u_payroll_admin\), and svc_snac holds none of those: the instance will refuse it with 403 "User Is Not Authorized To Perform This Action"/,
    );
    const applied = await snac('apply', '--auto-approve');
    expect(applied.code).toBe(1);
    expect(sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_payroll')).toBeUndefined();
  });

  it('is a warning when the reconciler is outside the scope, its roles unknown', async () => {
    writeFileSync(join(root, 'snac.yaml'), 'scope:\n  user_name_prefixes: [svc_pay]\nknown_roles: [u_finance, u_payroll_reader, u_payroll_admin]\n');
    const planned = await snac('plan');
    expect(planned.code).toBe(2);
    expect(planned.out).toMatch(/warning \[assignable-by\] svc_payroll → u_finance brings u_payroll_reader \(assignable by u_payroll_admin\); svc_snac is outside the scope, so whether it holds u_payroll_admin is unknown/);
  });

  it('is named by the permission preflight of snac audit', async () => {
    const audited = await snac('audit');
    expect(audited.out).toMatch(/\[reconciler-cannot-assign\] svc_snac cannot grant u_payroll_reader \(assignable by u_payroll_admin\), which the declarations grant/);
  });

  it('applied anyway (--allow), gets the instance\'s 403 explained, and the rest lands', async () => {
    const applied = await snac('apply', '--auto-approve', '--allow', 'assignable-by');
    expect(applied.code).toBe(1);
    expect(applied.err + applied.out).toMatch(/User Is Not Authorized To Perform This Action/);
    expect(applied.err + applied.out).toMatch(/"Assignable by" set to a role svc_snac does not hold/);
    expect(sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_payroll')).toBeDefined();
  });

  it('is no finding once the reconciler holds the assigning role', async () => {
    new SeedWriter(sn.emulator).groupRole('snac Reconcilers', 'u_payroll_admin');
    const planned = await snac('plan');
    expect(planned.out).not.toMatch(/assignable-by/);
    expect((await snac('apply', '--auto-approve')).code).toBe(0);
  });
});
