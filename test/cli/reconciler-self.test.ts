import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main as run } from '../../src/main.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { captureIo } from '../support/io.js';

/**
 * The account snac signs in as is always protected, whatever snac.yaml and --allow say: an
 * apply run as svc_snac never deactivates, locks or strips svc_snac, even when snac.yaml names
 * the reconciler only for another instance.
 */
let sn: TestInstance;
let root: string;

const CONFIG = `instances:
  - name: prod
    url: https://acme.service-now.com
    auth: { type: basic, username_env: SNAC_PROD_USER, password_env: SNAC_PROD_PASSWORD }
    reconciler: svc_integration_admin
scope:
  user_name_prefixes: [svc_snac]
`;

beforeEach(async () => {
  sn = await startInstance({ seed: 'empty' });
  root = mkdtempSync(join(tmpdir(), 'snac-self-'));
  writeFileSync(join(root, 'snac.yaml'), CONFIG);
  mkdirSync(join(root, 'accounts'));
});
afterEach(() => sn.close());

const env = { SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'snac', SNAC_CLIENT_ID: '', SNAC_CLIENT_SECRET: '' };
const snac = async (...argv: string[]) => {
  const io = captureIo(env, root);
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
};
const reconciler = () => sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_snac')?.values ?? {};

describe('the account snac signs in as', () => {
  it('is never pruned: an apply as svc_snac, in scope and undeclared, leaves it active', async () => {
    const planned = await snac('plan', '--instance-url', sn.url);
    expect(planned.out).not.toMatch(/deactivate/);
    const applied = await snac('apply', '--auto-approve', '--instance-url', sn.url);
    expect(applied.code).toBe(0);
    expect(reconciler()).toMatchObject({ active: 'true', locked_out: 'false' });
  });

  it('is never deactivated, locked or stripped by a declaration, and --allow reconciler-self is refused', async () => {
    writeFileSync(
      join(root, 'accounts', 'snac.yaml'),
      'kind: ServiceAccount\nuser_name: svc_snac\nfirst_name: snac\nlast_name: Reconciler\nowner: admin\npurpose: Applies the declarations.\nactive: false\ngroups: []\n',
    );
    const refused = await snac('apply', '--auto-approve', '--allow', 'reconciler-self', '--instance-url', sn.url);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^snac apply: reconciler-self cannot be allowed: snac never deactivates, locks or strips the account it runs as/);
    const applied = await snac('apply', '--auto-approve', '--instance-url', sn.url);
    expect(applied.code).toBe(1);
    expect(applied.err).toMatch(/error \[reconciler-self\] update on svc_snac would cut off snac's own account svc_snac/);
    expect(applied.err).toMatch(/snac's own account svc_snac would lose u_snac_reconciler, user_admin/);
    expect(reconciler()).toMatchObject({ active: 'true', locked_out: 'false' });
    const memberships = sn.emulator.instance.store.lookup('sys_user_grmember', 'user', String(reconciler()['sys_id']));
    expect(memberships).toHaveLength(1);
  });
});
