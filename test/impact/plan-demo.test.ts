import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { captureIo } from '../support/io.js';

let sn: TestInstance;
let root: string;

const config = (url: string) => `instances:
  - name: demo
    url: ${url}
    auth: { type: basic, username_env: SNAC_USER, password_env: SNAC_PASSWORD }
    reconciler: svc_snac
scope:
  user_name_prefixes: [svc_cmdb_, svc_backup_]
`;

const backup = (extra = '') => `kind: ServiceAccount
user_name: svc_backup_export
first_name: Backup Export
last_name: Service Account
owner: elena.okafor
purpose: Daily export of task tables to object storage.
${extra}`;

function write(files: Record<string, string>): void {
  writeFileSync(join(root, 'snac.yaml'), config(sn.url));
  mkdirSync(join(root, 'accounts'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'accounts', name), text);
}

const snac = async (...argv: string[]) => {
  const io = captureIo({ SNAC_USER: 'svc_snac', SNAC_PASSWORD: 'snac' }, root);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
};

beforeEach(async () => {
  sn = await startInstance({ seed: 'demo' });
  root = mkdtempSync(join(tmpdir(), 'snac-impact-'));
});
afterEach(() => sn.close());

describe('snac plan against the demo: blast radius and policy', () => {
  it('shows what stops when an undeclared account is deactivated', async () => {
    write({ 'backup.yaml': backup() });
    const planned = await snac('plan');
    expect(planned.out).toContain('- deactivate ServiceAccount svc_cmdb_import');
    expect(planned.out).toContain(
      '! deactivating svc_cmdb_import stops 2 scheduled jobs running as it: CMDB nightly import, CMDB stale CI cleanup; and breaks 1 Basic auth profile that logs in as it: CMDB loopback import',
    );
    expect(planned.code).toBe(2);
  });

  it('shows it in the pull request comment and the JSON plan too', async () => {
    write({ 'backup.yaml': backup() });
    const md = await snac('plan', '--format', 'markdown');
    expect(md.out).toContain('deactivating svc\\_cmdb\\_import stops 2 scheduled jobs running as it');
    const json = JSON.parse((await snac('plan', '--format', 'json')).out) as { changes: { key: string; risk: string; risks: { code: string; summary: string }[] }[] };
    expect(json.changes.find((c) => c.key === 'svc_cmdb_import')).toMatchObject({ risk: 'high', risks: expect.arrayContaining([{ code: 'breaks-dependents', summary: expect.stringContaining('CMDB loopback import') }]) });
  });

  it('shows what stops when a declaration locks an account out', async () => {
    const cmdb = backup('locked_out: true\n').replace(/svc_backup_export/g, 'svc_cmdb_import').replace('elena.okafor', 'carmen.garcia');
    write({ 'backup.yaml': backup(), 'cmdb.yaml': cmdb });
    const planned = await snac('plan');
    expect(planned.out).toContain('locked_out: false → true');
    expect(planned.out).toContain('! locking svc_cmdb_import out stops 2 scheduled jobs running as it: CMDB nightly import, CMDB stale CI cleanup; and breaks 1 Basic auth profile that logs in as it: CMDB loopback import');
  });

  it('blocks on a policy error at the declaration, and shows warnings without blocking', async () => {
    const cmdb = `kind: ServiceAccount
user_name: svc_cmdb_import
first_name: CMDB Import
last_name: Service Account
owner: dave.miller
purpose: Nightly CMDB import.
roles:
  - itil
`;
    write({ 'backup.yaml': backup(), 'cmdb.yaml': cmdb });
    const planned = await snac('plan');
    expect(planned.out).toContain('accounts/cmdb.yaml:5:8 error [owner-active] svc_cmdb_import: its owner dave.miller is inactive on');
    expect(planned.out).toMatch(/accounts\/cmdb\.yaml:8:5 warning \[no-direct-roles\] svc_cmdb_import is granted itil directly/);
    expect(planned.code).toBe(1);
  });
});
