import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { captureIo } from '../support/io.js';

let sn: TestInstance;
beforeAll(async () => {
  sn = await startInstance({ seed: 'demo' });
});
afterAll(() => sn.close());

const env = { SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'snac', SNAC_RECONCILER: 'svc_snac' };

async function snac(root: string, ...argv: string[]) {
  const io = captureIo(env, root);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('snac import', () => {
  it('writes declarations that plan as no change against the instance they came from', async () => {
    const root = mkdtempSync(join(tmpdir(), 'snac-import-'));
    writeFileSync(join(root, 'snac.yaml'), 'scope:\n  user_name_prefixes: [svc_]\n');
    const imported = await snac(root, 'import', '--instance-url', sn.url);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^snac import: wrote \d+ files under accounts\/ from 127\.0\.0\.1:\d+/);

    const cmdb = readFileSync(join(root, 'accounts', 'service-accounts', 'svc_cmdb_import.yaml'), 'utf8');
    expect(cmdb).toContain('# yaml-language-server: $schema=../../schemas/service-account.schema.json');
    expect(cmdb).toContain('owner: dave.miller');
    expect(cmdb).toContain('groups:\n  - CMDB Importers');
    expect(readFileSync(join(root, 'accounts', 'roles', 'u_cmdb_import.yaml'), 'utf8')).toContain('contains:\n  - import_transformer');
    expect(readFileSync(join(root, 'accounts', 'groups', 'it-administrators.yaml'), 'utf8')).toContain('roles:\n  - admin');

    expect((await snac(root, 'validate')).code).toBe(0);
    const planned = await snac(root, 'plan', '--instance-url', sn.url, '--format', 'json');
    const plan = JSON.parse(planned.out) as { changes: unknown[]; findings: { code: string; record?: { key: string } }[] };
    expect(plan.changes).toEqual([]);
    expect(plan.findings.some((f) => f.code === 'owner-active' && f.record?.key === 'svc_cmdb_import')).toBe(true);
  });

  it('writes only what is not declared yet, leaves other files alone unless --force', async () => {
    const root = mkdtempSync(join(tmpdir(), 'snac-import-'));
    writeFileSync(join(root, 'snac.yaml'), 'scope:\n  user_name_prefixes: [svc_]\n');
    await snac(root, 'import', '--instance-url', sn.url);
    expect((await snac(root, 'import', '--instance-url', sn.url)).out).toMatch(/wrote 0 files/);

    const jira = join(root, 'accounts', 'service-accounts', 'svc_jira_sync.yaml');
    const slack = join(root, 'accounts', 'service-accounts', 'svc_slack_bot.yaml');
    writeFileSync(jira, '# kept by hand\n');
    rmSync(slack);
    const again = await snac(root, 'import', '--instance-url', sn.url);
    expect(again.err).toBe('');
    expect(again.out).toMatch(/wrote 1 file under accounts\//);
    expect(again.out).toContain('left alone (they exist; --force overwrites): accounts/service-accounts/svc_jira_sync.yaml');
    expect(readFileSync(jira, 'utf8')).toBe('# kept by hand\n');
    expect(readFileSync(slack, 'utf8')).toContain('user_name: svc_slack_bot');

    const forced = await snac(root, 'import', '--instance-url', sn.url, '--force');
    expect(forced.out).toMatch(/wrote 1 file under accounts\//);
    expect(readFileSync(jira, 'utf8')).toContain('web_service_access_only: false');
  });
});
