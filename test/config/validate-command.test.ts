import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/commands/validate.js';
import { main } from '../../src/main.js';
import { captureIo } from '../support/io.js';
import { REPO_ROOT, removeProjects, writeProject, yaml } from './project.js';

afterAll(removeProjects);

const broken = {
  'accounts/service-accounts/svc_jira_sync.yaml': yaml(
    '# yaml-language-server: $schema=../../schemas/service-account.schema.json',
    'kind: ServiceAccount',
    'user_name: svc_jira_sync',
    'owner: bob.smith',
    'groups:',
    '  - ServiceNow Service Acounts',
    'web_service_access_only: "false"',
  ),
};

describe('snac validate', () => {
  it('accepts the example declarations: exit 0 and a one-line summary', async () => {
    const io = captureIo({}, REPO_ROOT);
    expect(await validateCommand.run([], io)).toBe(0);
    expect(io.out()).toMatch(/^snac validate: valid \(\d+ service accounts, 5 groups, 1 role, \d+ properties; 0 errors, 0 warnings\)\n$/);
  });

  it('runs the policy rules that need no instance: no purpose, interactive without a reason, admin granted without a privileged reason', async () => {
    const root = writeProject({
      'accounts/service-accounts/svc_new.yaml': yaml(
        'kind: ServiceAccount',
        'user_name: svc_new',
        'owner: bob.smith',
        'web_service_access_only: false',
        'roles: [admin]',
      ),
    }, { withExamples: true });
    const io = captureIo({}, root);
    expect(await validateCommand.run([], io)).toBe(1);
    expect(io.out().split('\n')).toEqual([
      'accounts/service-accounts/svc_new.yaml:4:26 error [non-interactive] svc_new is declared interactive (web_service_access_only: false): it can log in to the UI like a person: remove web_service_access_only: false (API access only is the default), or give the exemption interactive: { reason: ... }',
      'accounts/service-accounts/svc_new.yaml:2:12 error [purpose-required] svc_new has no purpose: reviewers cannot tell what uses it or whether it is still needed: add purpose: <what integration uses it, and for what> to the declaration',
      'accounts/service-accounts/svc_new.yaml:5:9 warning [no-direct-roles] svc_new is granted admin directly: grant the roles to a group (kind: Group) and list the group under groups: instead',
      'accounts/service-accounts/svc_new.yaml:5:9 error [forbidden-roles] svc_new would hold admin, which policy.forbidden_roles forbids for service accounts: remove the grant or the group that carries it; if the account really needs it, declare privileged: { reason: ... }',
      'snac validate: 3 errors, 1 warning; nothing is valid until every error is fixed',
      '',
    ]);
  });

  it('names each problem by file:line:col relative to where it runs, then exits 1', async () => {
    const root = writeProject(broken, { withExamples: true });
    const io = captureIo({}, root);
    expect(await validateCommand.run(['--dir', 'accounts'], io)).toBe(1);
    expect(io.out().split('\n')).toEqual([
      'accounts/service-accounts/svc_jira_sync.yaml:6:5 error [unknown-group] group "ServiceNow Service Acounts" is not declared (did you mean "ServiceNow Service Accounts"?): declare it as a Group under accounts/groups/ (a Group with only a name manages nothing but makes it known) or fix the name',
      'accounts/service-accounts/svc_jira_sync.yaml:7:26 error [wrong-type] "web_service_access_only" must be true or false, not the text "false": see docs/declarations.md for the field',
      'snac validate: 2 errors, 0 warnings; nothing is valid until every error is fixed',
      '',
    ]);
  });

  it('shows paths relative to the working directory, wherever the project is', async () => {
    const root = writeProject(broken, { withExamples: true });
    const io = captureIo({}, join(root, 'accounts', 'groups'));
    expect(await validateCommand.run(['--dir', '..'], io)).toBe(1);
    expect(io.out()).toContain('../service-accounts/svc_jira_sync.yaml:6:5 error [unknown-group] ');
  });

  it('writes GitHub workflow commands with --format github', async () => {
    const root = writeProject(broken, { withExamples: true });
    const io = captureIo({}, root);
    expect(await validateCommand.run(['--format', 'github'], io)).toBe(1);
    const [first] = io.out().split('\n');
    expect(first).toBe(
      '::error file=accounts/service-accounts/svc_jira_sync.yaml,line=6,col=5,title=snac unknown-group::group "ServiceNow Service Acounts" is not declared (did you mean "ServiceNow Service Accounts"?): declare it as a Group under accounts/groups/ (a Group with only a name manages nothing but makes it known) or fix the name',
    );
  });

  it('escapes what would break a workflow command', async () => {
    const root = writeProject({ 'accounts/a,b%.yaml': yaml('kind: Role', 'name: u_a', 'contains: [u_missing]') });
    const io = captureIo({}, root);
    expect(await validateCommand.run(['--format', 'github'], io)).toBe(0);
    expect(io.out()).toContain('::warning file=accounts/a%2Cb%25.yaml,line=3,col=12,title=snac unlisted-role::');
  });

  it('reads --config instead of snac.yaml next to the declarations', async () => {
    const root = writeProject({ 'accounts/a.yaml': yaml('kind: ServiceAccount', 'user_name: svc_a', 'owner: bob.smith', 'purpose: Reads incidents for the QA dashboard.', 'instances: [qa]'), 'ci/snac.yaml': yaml('instances:', '  - name: qa', '    url: https://qa.example.com', '    auth: {type: basic, username_env: SNAC_U, password_env: SNAC_P}') });
    expect(await validateCommand.run([], captureIo({}, root))).toBe(1);
    expect(await validateCommand.run(['--config', 'ci/snac.yaml'], captureIo({}, root))).toBe(0);
  });

  it('refuses an unknown format as a usage error', async () => {
    const io = captureIo({}, REPO_ROOT);
    expect(await main(['validate', '--format', 'sarif'], io)).toBe(1);
    expect(io.err()).toContain('--format must be text or github, got "sarif"');
    expect(io.err()).toContain('Usage: snac validate');
  });

  it('says when the declarations directory does not exist', async () => {
    const io = captureIo({}, writeProject({}));
    expect(await validateCommand.run(['--dir', 'nowhere'], io)).toBe(1);
    expect(io.out()).toContain('error [dir-not-found] the declarations directory');
  });
});

describe('the built CLI (npm run build first; npm test does)', () => {
  const run = promisify(execFile);
  const cli = join(REPO_ROOT, 'dist', 'cli.js');

  it('validates the examples with exit 0, and a broken project with exit 1 naming the line', async () => {
    expect(existsSync(cli), 'dist/cli.js is missing: run npm run build').toBe(true);
    const ok = await run(process.execPath, [cli, 'validate'], { cwd: REPO_ROOT });
    expect(ok.stdout).toMatch(/^snac validate: valid /);

    const root = writeProject(broken, { withExamples: true });
    const failed = await run(process.execPath, [cli, 'validate', '--dir', 'accounts'], { cwd: root }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in failed ? failed.code : 0).toBe(1);
    expect(failed.stdout).toContain('accounts/service-accounts/svc_jira_sync.yaml:6:5 error [unknown-group] ');
  });
});
