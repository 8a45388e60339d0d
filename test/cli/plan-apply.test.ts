import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main as run } from '../../src/main.js';
import { addUser, startInstance, type TestInstance } from '../support/emulator.js';
import { captureIo } from '../support/io.js';

let sn: TestInstance;
let root: string;

const CONFIG = (url: string) => `instances:
  - name: demo
    url: ${url}
    auth: { type: basic, username_env: SNAC_USER, password_env: SNAC_PASSWORD }
    reconciler: svc_snac
scope:
  user_name_prefixes: [svc_test_]
`;
const ACCOUNT = (email: string) => `kind: ServiceAccount
user_name: svc_test_okta
first_name: Okta
last_name: Provisioning
email: ${email}
owner: alice.nguyen
purpose: Creates and updates users from Okta.
groups:
  - ServiceNow Service Accounts
`;

const GROUP = `kind: Group
name: ServiceNow Service Accounts
roles: [itil, rest_api_explorer]
`;

function project(email = 'identity@acme.example'): void {
  writeFileSync(join(root, 'snac.yaml'), CONFIG(sn.url));
  mkdirSync(join(root, 'accounts'), { recursive: true });
  writeFileSync(join(root, 'accounts', 'okta.yaml'), ACCOUNT(email));
  writeFileSync(join(root, 'accounts', 'group.yaml'), GROUP);
}

const env = { SNAC_USER: 'admin', SNAC_PASSWORD: 'admin' };
const snac = async (...argv: string[]) => {
  const io = captureIo(env, root);
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
};

beforeEach(async () => {
  sn = await startInstance({ seed: 'demo' });
  root = mkdtempSync(join(tmpdir(), 'snac-cli-'));
  project();
});
afterEach(() => sn.close());

describe('snac plan and snac apply against the emulator', () => {
  it('plans (exit 2), applies the reviewed plan (exit 0), then plans nothing (exit 0)', async () => {
    const planned = await snac('plan', '--out', 'plan.json');
    expect(planned.code).toBe(2);
    expect(planned.out).toContain('+ create ServiceAccount svc_test_okta');
    expect(planned.out).toContain('Plan: 1 to create, 1 grant.');
    const json = JSON.parse(readFileSync(join(root, 'plan.json'), 'utf8')) as { formatVersion: number; changes: unknown[] };
    expect(json.formatVersion).toBe(1);
    expect(json.changes).toHaveLength(2);

    const applied = await snac('apply', '--plan', 'plan.json');
    expect(applied.err).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('Apply: 2 applied; the instance matches the declarations.');
    expect(sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_test_okta')?.values['web_service_access_only']).toBe('true');

    const again = await snac('plan');
    expect(again.code).toBe(0);
    expect(again.out).toContain('No changes.');
  });

  it('applies in one go with --auto-approve through the Batch API, reporting per item in json', async () => {
    const applied = await snac('apply', '--auto-approve', '--batch', '5', '--format', 'json');
    expect(applied.code).toBe(0);
    const outcome = JSON.parse(applied.out) as { converged: boolean; items: { key: string; outcome: string }[] };
    expect(outcome.converged).toBe(true);
    expect(outcome.items.map((i) => [i.key, i.outcome])).toEqual([
      ['svc_test_okta', 'ok'],
      ['svc_test_okta → servicenow service accounts', 'ok'],
    ]);
    expect(sn.emulator.stats.byRoute.get('POST batch')).toBe(2);
    expect(applied.err).toContain('+ create ServiceAccount svc_test_okta');
  });

  it('refuses a plan made for another instance, and a usage mistake, writing nothing', async () => {
    expect((await snac('plan', '--out', 'plan.json')).code).toBe(2);
    const plan = JSON.parse(readFileSync(join(root, 'plan.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(root, 'other.json'), JSON.stringify({ ...plan, instance: 'prod.service-now.com' }));
    const other = await snac('apply', '--plan', 'other.json');
    expect(other.code).toBe(1);
    expect(other.err).toContain('the plan was made for prod.service-now.com');
    const both = await snac('apply', '--plan', 'plan.json', '--auto-approve');
    expect(both.code).toBe(1);
    expect(both.err).toContain('pass either --plan <file> (the reviewed plan) or --auto-approve');
    writeFileSync(join(root, 'text.json'), 'snac plan for demo\n');
    expect((await snac('apply', '--plan', 'text.json')).err).toContain('is not JSON');
    expect(sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_test_okta')).toBeUndefined();
  });

  it('renders markdown and json views of the same plan', async () => {
    const md = await snac('plan', '--format', 'markdown');
    expect(md.out).toMatch(/^<!-- snac-plan instance=demo plan=[0-9a-f]{64} -->/);
    const json = await snac('plan', '--format', 'json');
    expect(JSON.parse(json.out)).toMatchObject({ formatVersion: 1, counts: { create: 1, grant: 1 } });
  });

  it('refuses a plan that went stale between review and apply, writing nothing', async () => {
    expect((await snac('plan', '--out', 'plan.json')).code).toBe(2);
    project('changed-in-the-pr@acme.example');
    const applied = await snac('apply', '--plan', 'plan.json');
    expect(applied.code).toBe(1);
    expect(applied.err).toContain('[stale-plan]');
    // The YAML changed, not the instance: the message says so, naming the record and the field.
    expect(applied.err).toContain('error [stale-plan] the declarations changed since the plan was reviewed: declared differently than reviewed: create ServiceAccount svc_test_okta (email): nothing was written; the reviewed plan was made from other declarations than these (apply the plan of this commit): run snac plan here, review it, and apply that one\n');
    expect(sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_test_okta')).toBeUndefined();
  });

  it('stops on invalid declarations before any request, naming the file and line', async () => {
    writeFileSync(join(root, 'accounts', 'broken.yaml'), 'kind: ServiceAccount\nuser_name: svc_test_x\nwhat: 1\n');
    sn.emulator.stats.reset();
    const planned = await snac('plan');
    expect(planned.code).toBe(1);
    expect(planned.err).toMatch(/accounts\/broken\.yaml:\d+:\d+ error/);
    expect(sn.emulator.stats.requests).toBe(0);
  });

  it('explains wrong credentials without ever printing them', async () => {
    const io = captureIo({ SNAC_USER: 'admin', SNAC_PASSWORD: 'hunter2-wrong-password' }, root);
    expect(await run(['plan'], io)).toBe(1);
    expect(io.err()).toMatch(/401/);
    expect(io.err() + io.out()).not.toContain('hunter2-wrong-password');
    expect(io.err() + io.out()).not.toContain(Buffer.from('admin:hunter2-wrong-password').toString('base64'));
  });

  it('never writes the credentials into the plan, its views, the apply output or the journal', async () => {
    const secret = 'Zq7-unmistakable-password-4711';
    addUser(sn.emulator, 'ci_runner', secret, { roles: ['admin'] });
    const creds = { SNAC_USER: 'ci_runner', SNAC_PASSWORD: secret };
    const outputs: string[] = [];
    for (const argv of [['plan', '--out', 'plan.json'], ['plan', '--format', 'markdown'], ['plan', '--format', 'json'], ['apply', '--plan', 'plan.json', '--format', 'markdown']]) {
      const io = captureIo(creds, root);
      await run(argv, io);
      outputs.push(io.out(), io.err());
    }
    const journals = join(root, '.snac', 'journal');
    for (const file of readdirSync(journals)) outputs.push(readFileSync(join(journals, file), 'utf8'));
    outputs.push(readFileSync(join(root, 'plan.json'), 'utf8'));
    const everything = outputs.join('\n');
    expect(everything).toContain('svc_test_okta');
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(Buffer.from(`ci_runner:${secret}`).toString('base64'));
  });

  it('names a missing credential variable', async () => {
    const io = captureIo({}, root);
    expect(await run(['plan'], io)).toBe(1);
    expect(io.err()).toContain('SNAC_USER, SNAC_PASSWORD are not set');
  });
});

describe('snac plan on the repository accounts/ against the demo company', () => {
  it('exits 2 with the changes the demo is meant to show, and no blocking finding', async () => {
    const repo = process.cwd();
    const io = captureIo({ SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'snac', SNAC_RECONCILER: 'svc_snac' }, repo);
    const code = await run(['plan', '--dir', 'accounts', '--instance-url', sn.url], io);
    expect(io.err()).toBe('');
    expect(code).toBe(2);
    const out = io.out();
    expect(out).toContain('+ create Group User Provisioning');
    expect(out).toMatch(/~ update ServiceAccount svc_cmdb_import .*\n\s+manager: "dave.miller" → "carmen.garcia"/);
    expect(out).toMatch(/~ update ServiceAccount svc_jira_sync .*\n\s+identity_type: "" → "machine"\n\s+web_service_access_only: false → true/);
    expect(out).toContain('svc_powershell_admin: +approver_user, +import_transformer, +itil, +snc_platform_rest_api_access, +u_cmdb_import, -admin (privileged)');
    expect(out).toContain('- deactivate ServiceAccount svc_teams_bot');
    expect(out).toMatch(/stops 1 scheduled job running as it: Asset sync from Intune/);
    expect(out).not.toContain('blocking finding');
  });
});
