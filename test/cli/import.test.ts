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
    expect(imported.out).toMatch(/^snac import: wrote \d+ files from 127\.0\.0\.1:\d+ \(32 accounts adopted\)\n/);

    const cmdb = readFileSync(join(root, 'accounts', 'service-accounts', 'svc_cmdb_import.yaml'), 'utf8');
    // No installed package and no schemas/ here: the versioned URL of the release.
    expect(cmdb).toMatch(/^# yaml-language-server: \$schema=https:\/\/raw\.githubusercontent\.com\/acme\/snac\/v\d+\.\d+\.\d+\/schemas\/service-account\.schema\.json\n/);
    expect(cmdb).toContain('owner: dave.miller');
    expect(cmdb).toContain('groups:\n  - CMDB Importers');
    expect(readFileSync(join(root, 'accounts', 'roles', 'u_cmdb_import.yaml'), 'utf8')).toContain('contains:\n  - import_transformer');
    expect(readFileSync(join(root, 'accounts', 'groups', 'it-administrators.yaml'), 'utf8')).toContain('roles:\n  - admin');
    const client = readFileSync(join(root, 'accounts', 'oauth-clients', 'snac-reconciler.yaml'), 'utf8');
    expect(client).toContain('kind: OAuthClient\nname: snac reconciler\naccount: svc_snac\ngrant_type: client_credentials\n');
    expect(client).toContain('# grant_type is inferred');
    expect(client).not.toContain('snac-demo-secret');

    expect((await snac(root, 'validate')).code).toBe(0);
    const planned = await snac(root, 'plan', '--instance-url', sn.url, '--format', 'json');
    const plan = JSON.parse(planned.out) as { changes: unknown[]; findings: { code: string; record?: { key: string } }[] };
    expect(plan.changes).toEqual([]);
    expect(plan.findings.some((f) => f.code === 'owner-active' && f.record?.key === 'svc_cmdb_import')).toBe(true);
    expect(planned.code).toBe(0);
  });

  it('writes only what is not declared yet, leaves other files alone unless --force', async () => {
    const root = mkdtempSync(join(tmpdir(), 'snac-import-'));
    writeFileSync(join(root, 'snac.yaml'), 'scope:\n  user_name_prefixes: [svc_]\n');
    await snac(root, 'import', '--instance-url', sn.url);
    expect((await snac(root, 'import', '--instance-url', sn.url)).out).toMatch(/wrote 0 files from 127\.0\.0\.1:\d+\n  nothing new to adopt: every account selected on 127\.0\.0\.1:\d+ is declared already\n$/);

    const jira = join(root, 'accounts', 'service-accounts', 'svc_jira_sync.yaml');
    const slack = join(root, 'accounts', 'service-accounts', 'svc_slack_bot.yaml');
    writeFileSync(jira, '# kept by hand\n');
    rmSync(slack);
    const again = await snac(root, 'import', '--instance-url', sn.url);
    expect(again.err).toBe('accounts/service-accounts/svc_jira_sync.yaml:1:1 warning [empty-file] the file declares nothing: add a declaration with a `kind:` or delete the file\n');
    expect(again.out).toMatch(/wrote 1 file from /);
    expect(again.out).toContain('left alone (they exist; --force overwrites): accounts/service-accounts/svc_jira_sync.yaml');
    expect(readFileSync(jira, 'utf8')).toBe('# kept by hand\n');
    expect(readFileSync(slack, 'utf8')).toContain('user_name: svc_slack_bot');

    const forced = await snac(root, 'import', '--instance-url', sn.url, '--force');
    expect(forced.out).toMatch(/wrote 1 file from /);
    expect(readFileSync(jira, 'utf8')).toContain('web_service_access_only: false');
  });

  it('adopts accounts one at a time into the marker group, and keeps the first plan green with dated debt', async () => {
    const root = mkdtempSync(join(tmpdir(), 'snac-import-'));
    expect((await snac(root, 'init', '--instance-url', sn.url, '--name', 'demo')).code).toBe(0);
    const none = await snac(root, 'import');
    expect(none.out).toMatch(/\n  nothing selected: snac\.yaml's scope names no prefix and its marker group has no member yet; name accounts with --account <user_name> or --prefix <prefix>\n$/);

    const imported = await snac(root, 'import', '--account', 'svc_cmdb_import', '--account', 'svc_nobody');
    expect(imported.err).toBe('');
    expect(imported.out).toMatch(/^snac import: wrote 3 files from 127\.0\.0\.1:\d+ \(1 account adopted\)\n/);
    expect(imported.out).toMatch(/\n  not on 127\.0\.0\.1:\d+: svc_nobody \(check the user_name\)\n/);
    expect(imported.out).toContain('  snac.yaml: 2 policy breaches the adopted accounts already had recorded as debt (policy.rules.<rule>.debt, dated ');
    expect(readFileSync(join(root, 'accounts', 'service-accounts', 'svc_cmdb_import.yaml'), 'utf8')).toContain('groups:\n  - CMDB Importers\n  - snac managed accounts\n');
    const config = readFileSync(join(root, 'snac.yaml'), 'utf8');
    expect(config).toMatch(/ {4}owner-active:\n {6}debt:\n {8}- \{account: svc_cmdb_import, since: \d{4}-\d{2}-\d{2}\}\n/);
    expect(config).toContain('  # snac manages the accounts declared under accounts/ and the members of the marker group.\n');

    expect((await snac(root, 'validate')).code).toBe(0);
    const planned = await snac(root, 'plan', '--format', 'json');
    const plan = JSON.parse(planned.out) as { changes: { kind: string; action: string; key: string }[]; findings: { code: string; severity: string; blocking: boolean }[] };
    expect(plan.findings.filter((f) => f.blocking)).toEqual([]);
    expect(plan.findings.filter((f) => f.code === 'owner-active').map((f) => f.severity)).toEqual(['warning']);
    expect(plan.changes.map((c) => `${c.action} ${c.kind}`)).toEqual(expect.arrayContaining(['create Group']));
    expect(planned.code).toBe(2);
  });

  it('without a snac.yaml, needs the instance URL to write one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'snac-import-'));
    const result = await snac(root, 'import');
    expect(result.code).toBe(1);
    expect(result.err).toBe('snac import: there is no snac.yaml to name the instance: run snac init --instance NAME first, or pass --instance-url URL\n');
  });
});
