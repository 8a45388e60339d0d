import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planAnnotations, workflowCommand } from '../../src/github/annotations.js';
import { main } from '../../src/main.js';
import type { Plan } from '../../src/plan/change.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { captureIo } from '../support/io.js';

/**
 * 6. Whoever can write records on the instance names an account so that printing it would
 * issue GitHub workflow commands (::error, ::add-mask::), clear the terminal, reverse the text,
 * hide the rest of the PR comment, or mention a team. Every sink shows it inert.
 */

const HOSTILE = 'svc_test_x\n::error title=pwned::owned\r::add-mask::\u001b[2J\u009b31m\u202e<!-- hidden -->\u2028@acme/admins\u0085::stop-commands::t';

let sn: TestInstance;
let root: string;

beforeEach(async () => {
  sn = await startInstance({ seed: 'demo' });
  root = mkdtempSync(join(tmpdir(), 'snac-hostile-'));
  writeFileSync(join(root, 'snac.yaml'), `instances:\n  - name: demo\n    url: ${sn.url}\n    auth: { type: basic, username_env: SNAC_USERNAME, password_env: SNAC_PASSWORD }\nscope:\n  user_name_prefixes: [svc_test_]\n`);
  mkdirSync(join(root, 'accounts'));
  writeFileSync(join(root, 'accounts', 'a.yaml'), 'kind: ServiceAccount\nuser_name: svc_test_okta\nfirst_name: Okta\nlast_name: Sync\nowner: alice.nguyen\npurpose: Syncs users.\n');
  // The attacker: an account on the instance, written through the Table API like any other.
  const created = await sn.as('admin', 'admin').post('/api/now/table/sys_user', { user_name: HOSTILE, first_name: HOSTILE, web_service_access_only: 'true', active: 'true' });
  expect(created.status).toBe(201);
});
afterEach(() => sn.close());

async function snac(...argv: string[]) {
  const io = captureIo({ SNAC_USERNAME: 'admin', SNAC_PASSWORD: 'admin' }, root);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** What a GitHub Actions runner or a terminal would act on, rather than show. */
function active(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) if (/^\s*::/.test(line)) found.push(`workflow command: ${line}`);
  for (const char of text) if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(char)) found.push(`control U+${char.codePointAt(0)?.toString(16)}`);
  return found;
}

describe('6. instance data is escaped in every sink', () => {
  it('the text plan shows the name with its controls as codes, and no line starts with ::', async () => {
    const run = await snac('plan');
    expect(run.code).toBe(2);
    expect(active(run.out)).toEqual([]);
    // (user names are compared lower-cased, as the instance does)
    expect(run.out).toContain('- deactivate ServiceAccount svc_test_x\\x0a::error title=pwned::owned\\x0d::add-mask::\\x1b[2j\\x9b31m\\u202e<!-- hidden -->\\u2028@acme/admins\\x85::stop-commands::t');
  });

  it('the PR comment (and job summary) keeps it on one line, with no HTML comment, mention or override', async () => {
    const run = await snac('plan', '--format', 'markdown');
    expect(run.code).toBe(2);
    expect(active(run.out)).toEqual([]);
    expect(run.out.match(/(?<!\\)<!--/g)).toHaveLength(1);
    expect(run.out.startsWith('<!-- snac-plan ')).toBe(true);
    const prose = run.out.replace(/`[^`]*`/g, '');
    expect(prose).not.toMatch(/@acme/);
    expect(prose).toContain('deactivates svc\\_test\\_x ::error title=pwned::owned ::add-mask::\\\\x1b\\[2j\\\\x9b31m\\\\u202e\\<!-- hidden --\\> @\u200bacme/admins ::stop-commands::t');
    expect(run.out).toContain('`svc_test_x ::error title=pwned::owned ::add-mask::\\x1b[2j\\x9b31m\\u202e\\x3c!-- hidden --> @acme/admins ::stop-commands::t`');
  });

  it('the JSON plan keeps it exactly, printed inert; annotations encode it so it can neither end the command nor start another', async () => {
    const run = await snac('plan', '--format', 'json');
    expect(active(run.out)).toEqual([]);
    const plan = JSON.parse(run.out) as Plan;
    const hostile = plan.changes.find((c) => c.key.startsWith('svc_test_x'))!;
    expect(hostile.key).toBe(HOSTILE.toLowerCase());
    const lines = planAnnotations({ ...plan, changes: [{ ...hostile, at: { file: 'accounts/a.yaml', line: 1, column: 1 } }] }, 'demo').map(workflowCommand);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::warning file=accounts\/a\.yaml,line=1,col=1,title=snac deactivate on demo::ServiceAccount svc_test_x%0A::error/);
    expect(lines[0]!.split('\n')).toHaveLength(1);
    expect(active(lines[0]!.slice(2))).toEqual([]);
  });

  it('the audit report shows it with its controls as codes, and no line starts with ::', async () => {
    // Holding admin puts the name in the summary's list of privileged machine identities too.
    const user = sn.emulator.instance.findBy('sys_user', 'user_name', HOSTILE)?.values['sys_id'];
    const admin = sn.emulator.instance.findBy('sys_user_role', 'name', 'admin')?.values['sys_id'];
    expect((await sn.as('admin', 'admin').post('/api/now/table/sys_user_has_role', { user, role: admin })).status).toBe(201);
    const run = await snac('audit');
    expect(active(run.out)).toEqual([]);
    expect(run.out).toContain('\n  svc_test_x\\x0a::error title=pwned::owned\\x0d::add-mask::\\x1b[2j\\x9b31m\\u202e<!-- hidden -->\\u2028@acme/admins\\x85::stop-commands::t: admin\n');
  });

  it('the local drift report shows it with its controls as codes, and no line starts with ::', async () => {
    const run = await snac('drift');
    expect(active(run.out)).toEqual([]);
    expect(run.out).toContain('deactivate ServiceAccount svc_test_x\\x0a::error title=pwned::owned\\x0d::add-mask::\\x1b[2j');
  });

  it('control: ordinary names are shown exactly as they are', async () => {
    const run = await snac('plan');
    expect(run.out).toContain('+ create ServiceAccount svc_test_okta');
    expect(run.out).toContain('first_name: "Okta"');
  });
});
