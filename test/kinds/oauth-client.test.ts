import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main as run } from '../../src/main.js';
import { body, startInstance, type TestInstance } from '../support/emulator.js';
import { captureIo } from '../support/io.js';

let sn: TestInstance;
let root: string;

const CONFIG = (url: string) => `instances:
  - name: demo
    url: ${url}
    auth: { type: basic, username_env: SNAC_USERNAME, password_env: SNAC_PASSWORD }
    reconciler: svc_snac
scope:
  user_name_prefixes: [svc_test_]
`;
const ACCOUNT = `kind: ServiceAccount
user_name: svc_test_jira
name: Jira Cloud sync
email: integrations@acme.example
owner: alice.nguyen
purpose: Jira Cloud pushes incident updates.
`;
const CLIENT = (active = true) => `kind: OAuthClient
name: Jira Cloud sync
account: svc_test_jira
grant_type: client_credentials
purpose: Jira Cloud pushes incident updates
access_token_lifespan: 900
active: ${active}
`;
const GRANT_PROPERTY = 'glide.oauth.inbound.client.credential.grant_type.enabled';

const env = { SNAC_USERNAME: 'admin', SNAC_PASSWORD: 'admin' };
const snac = async (...argv: string[]) => {
  const io = captureIo(env, root);
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
};

function write(name: string, text: string): void {
  writeFileSync(join(root, 'accounts', name), text);
}

/** Every file under the project, recursively (plans, journals, declarations). */
function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

const clientRow = () => sn.emulator.instance.findBy('oauth_entity', 'name', 'Jira Cloud sync');

beforeEach(async () => {
  sn = await startInstance({ seed: 'demo' });
  root = mkdtempSync(join(tmpdir(), 'snac-oauth-'));
  writeFileSync(join(root, 'snac.yaml'), CONFIG(sn.url));
  mkdirSync(join(root, 'accounts'), { recursive: true });
  write('jira.yaml', ACCOUNT);
  write('jira-client.yaml', CLIENT());
});
afterEach(() => sn.close());

describe('OAuthClient against the emulator over HTTP', () => {
  it('plans the client, applies an active oauth_entity acting as the account (a machine identity), then plans nothing', async () => {
    const planned = await snac('plan', '--out', 'plan.json');
    expect(planned.code).toBe(2);
    expect(planned.out).toContain('+ create OAuthClient Jira Cloud sync');
    expect(planned.out).toContain('application_user: "svc_test_jira"');
    expect(planned.out).toContain('then: the instance generates the client id and secret');
    expect(planned.out).toContain('warning [oauth-grant-disabled] OAuth client "Jira Cloud sync" uses the client_credentials grant');

    const applied = await snac('apply', '--plan', 'plan.json');
    expect(applied.err).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('the instance matches the declarations');
    expect(applied.out).toMatch(/✓ create OAuthClient Jira Cloud sync: then: .*System OAuth > Application Registry/);

    const row = clientRow();
    const account = sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_test_jira');
    expect(row?.values).toMatchObject({ type: 'client', active: 'true', access_token_lifespan: '900', comments: 'Jira Cloud pushes incident updates' });
    expect(row?.values['application_user']).toBe(account?.values['sys_id']);
    expect(account?.values).toMatchObject({ identity_type: 'machine', web_service_access_only: 'true' });
    expect(row?.values['client_id']).toMatch(/^[0-9a-f]{32}$/);

    // The client works once a security_admin enables the grant: its tokens act as the account.
    sn.emulator.instance.insert('sys_properties', { name: GRANT_PROPERTY, value: 'true', type: 'boolean' });
    // Read although nobody declares it: the grant finding is gone once the property is on.
    const enabled = await snac('plan');
    expect(enabled.out).not.toContain('oauth-grant-disabled');
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: row?.values['client_id'] ?? '', client_secret: row?.values['client_secret'] ?? '' });
    const token = await fetch(`${sn.url}/oauth_token.do`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const me = await fetch(`${sn.url}/api/now/table/sys_user?sysparm_query=user_name=svc_test_jira&sysparm_fields=user_name`, { headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/json' } });
    expect(me.status).toBe(200);

    const again = await snac('plan');
    expect(again.code).toBe(0);
    expect(again.out).toContain('No changes.');
  });

  it('never reads, stores, plans or prints the client secret: no file, plan view, output or journal holds it', async () => {
    const outputs: string[] = [];
    const keep = (r: { out: string; err: string }) => outputs.push(r.out, r.err);
    keep(await snac('plan', '--out', 'plan.json'));
    keep(await snac('apply', '--plan', 'plan.json', '--format', 'json'));
    keep(await snac('plan', '--format', 'markdown'));
    keep(await snac('plan', '--format', 'json'));
    keep(await snac('audit', '--format', 'json'));
    const secret = clientRow()?.values['client_secret'] ?? '';
    expect(secret.length).toBeGreaterThan(10);

    const files = allFiles(root);
    expect(files.some((f) => f.includes(join('.snac', 'journal')))).toBe(true);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain(secret);
    for (const text of outputs) expect(text).not.toContain(secret);

    // The instance keeps it to itself too: not in the record, not in its audit trail.
    const admin = sn.as('admin', 'admin');
    const record = await body<{ result: Record<string, string>[] }>(await admin.get('/api/now/table/oauth_entity?sysparm_query=name=Jira Cloud sync'));
    expect(record.result).toHaveLength(1);
    expect(record.result[0]).not.toHaveProperty('client_secret');
    expect(JSON.stringify(record)).not.toContain(secret);
    const audit = await admin.get('/api/now/table/sys_audit?sysparm_query=tablename=oauth_entity');
    expect(await audit.text()).not.toContain(secret);
  });

  it('names the client in the blast radius of deactivating its account', async () => {
    await snac('apply', '--auto-approve');
    write('jira.yaml', `${ACCOUNT}active: false\n`);
    const planned = await snac('plan');
    expect(planned.out).toContain('~ update ServiceAccount svc_test_jira');
    expect(planned.out).toContain('! deactivating svc_test_jira stops 1 OAuth client whose tokens act as it: Jira Cloud sync');
  });

  it('deactivates the client when declared inactive, and the account must be declared', async () => {
    await snac('apply', '--auto-approve');
    write('jira-client.yaml', CLIENT(false));
    const planned = await snac('plan');
    expect(planned.code).toBe(2);
    expect(planned.out).toContain('~ update OAuthClient Jira Cloud sync');
    expect(planned.out).toContain('active: true → false');

    write('jira-client.yaml', CLIENT().replace('svc_test_jira', 'svc_test_jirra'));
    const invalid = await snac('validate');
    expect(invalid.code).toBe(1);
    expect(invalid.err + invalid.out).toMatch(/jira-client\.yaml:3:10 error \[unknown-account\] OAuth client "Jira Cloud sync" acts as "svc_test_jirra", which is not a declared service account \(did you mean "svc_test_jira"\?\)/);
  });
});
