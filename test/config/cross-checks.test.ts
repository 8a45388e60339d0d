import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { removeProjects, writeProject, yaml } from './project.js';

afterAll(removeProjects);

const CONFIG = yaml('instances:', '  - name: dev', '    url: https://acme-dev.service-now.com', '    auth: {type: basic, username_env: SNAC_U, password_env: SNAC_P}');

/** Every diagnostic of a project made of these files (plus a one-instance snac.yaml), formatted. */
async function problems(files: Record<string, string>): Promise<string[]> {
  const root = writeProject({ 'snac.yaml': CONFIG, ...files });
  const project = await loadProject({ dir: join(root, 'accounts') });
  if (project.diagnostics.some((d) => d.severity === 'error')) expect(project.desired).toBeUndefined();
  return project.diagnostics.map(formatDiagnostic);
}

const account = (name: string, ...lines: string[]) => yaml('kind: ServiceAccount', `user_name: ${name}`, ...lines);
const group = (name: string, ...lines: string[]) => yaml('kind: Group', `name: ${name}`, ...lines);
const role = (name: string, ...lines: string[]) => yaml('kind: Role', `name: ${name}`, ...lines);

describe('duplicate keys', () => {
  it('name every place a key is declared, in every file', async () => {
    expect(await problems({ 'accounts/a.yaml': account('svc_x'), 'accounts/b.yaml': account('svc_x'), 'accounts/c/d.yaml': account('svc_x') })).toEqual([
      'accounts/a.yaml:2:12 error [duplicate-key] service account "svc_x" is declared 3 times: here and at accounts/b.yaml:2:12, accounts/c/d.yaml:2:12: keep one declaration',
      'accounts/b.yaml:2:12 error [duplicate-key] service account "svc_x" is declared 3 times: here and at accounts/a.yaml:2:12, accounts/c/d.yaml:2:12: keep one declaration',
      'accounts/c/d.yaml:2:12 error [duplicate-key] service account "svc_x" is declared 3 times: here and at accounts/a.yaml:2:12, accounts/b.yaml:2:12: keep one declaration',
    ]);
  });

  it('compare group names case-insensitively, as ServiceNow does', async () => {
    expect(await problems({ 'accounts/g.yaml': group('MID Servers') + '---\n' + group('mid servers') })).toEqual([
      'accounts/g.yaml:2:7 error [duplicate-key] group "mid servers" is declared 2 times: here and at accounts/g.yaml:5:7: keep one declaration',
      'accounts/g.yaml:5:7 error [duplicate-key] group "mid servers" is declared 2 times: here and at accounts/g.yaml:2:7: keep one declaration',
    ]);
  });

  it('catch a setting declared in two SecuritySettings documents', async () => {
    expect(await problems({ 'accounts/a.yaml': yaml('kind: SecuritySettings', 'default_deny: deny'), 'accounts/b.yaml': yaml('kind: SecuritySettings', 'default_deny: allow') })).toHaveLength(2);
  });
});

describe('references', () => {
  it('resolve groups case-insensitively and roles among baseline and declared ones', async () => {
    expect(
      await problems({
        'accounts/a.yaml': account('svc_a', 'groups: [mid servers]', 'roles: [itil, u_custom]'),
        'accounts/g.yaml': group('MID Servers', 'roles: [mid_server, u_custom]'),
        'accounts/r.yaml': role('u_custom', 'contains: [import_transformer]', 'assignable_by: user_admin'),
      }),
    ).toEqual([]);
  });

  it('suggest the closest declared group for a typo', async () => {
    expect(await problems({ 'accounts/a.yaml': account('svc_a', 'groups: [MID Server]'), 'accounts/g.yaml': group('MID Servers') })).toEqual([
      'accounts/a.yaml:3:10 error [unknown-group] group "MID Server" is not declared (did you mean "MID Servers"?): declare it as a Group under accounts/groups/ (a Group with only a name manages nothing but makes it known) or fix the name',
    ]);
  });

  it('check who may assign a custom role', async () => {
    expect(await problems({ 'accounts/r.yaml': role('u_custom', 'assignable_by: u_missing') })).toEqual([
      'accounts/r.yaml:3:16 warning [unlisted-role] role "u_missing" is not in snac\'s baseline list, not declared and not in snac.yaml\'s known_roles; the plan checks that the instance has it: list it under known_roles in snac.yaml if the instance ships it, declare it as a Role under accounts/roles/, or fix the name',
    ]);
  });

  it('find a containment cycle through several roles', async () => {
    const found = await problems({ 'accounts/r.yaml': [role('u_a', 'contains: [u_b]'), role('u_b', 'contains: [u_c]'), role('u_c', 'contains: [u_a, itil]')].join('---\n') });
    expect(found).toContain('accounts/r.yaml:2:7 error [role-cycle] role "u_a" contains itself: u_a → u_b → u_c → u_a: remove one of the contains entries on that path');
    expect(found).toHaveLength(3);
  });

  it('do not call a name unknown when its own declaration is broken: that file says what is wrong', async () => {
    expect(await problems({ 'accounts/a.yaml': account('svc_a', 'groups: [Broken Group]'), 'accounts/g.yaml': group('Broken Group', 'roles: itil') })).toEqual([
      'accounts/g.yaml:3:8 error [wrong-type] "roles" must be a list, not the text "itil": see docs/declarations.md for the field',
    ]);
  });
});

describe('owners', () => {
  it('refuse a service account as the owner of another', async () => {
    expect(await problems({ 'accounts/a.yaml': account('svc_a', 'owner: svc_b'), 'accounts/b.yaml': account('svc_b', 'owner: alice.nguyen') })).toEqual([
      'accounts/a.yaml:3:8 error [owner-not-a-person] owner "svc_b" is a declared service account, not a person: name the person accountable (their user_name) as owner',
    ]);
  });

  it('refuse an owner with the service-account prefix, and a group manager that is not a person', async () => {
    expect(await problems({ 'accounts/a.yaml': account('svc_a', 'owner: SVC_Unknown'), 'accounts/g.yaml': group('Team', 'manager: svc_a') })).toEqual([
      'accounts/a.yaml:3:8 error [owner-not-a-person] owner "svc_unknown" has the service-account prefix "svc_", not a person: name the person accountable (their user_name) as owner',
      'accounts/g.yaml:3:10 error [owner-not-a-person] manager "svc_a" is a declared service account, not a person: name the person accountable (their user_name) as manager',
    ]);
  });
});

describe('snac.yaml', () => {
  it('forbids declaring an account the scope excludes', async () => {
    const root = writeProject({ 'snac.yaml': yaml('scope:', '  exclude: [SVC_A]'), 'accounts/a.yaml': account('svc_a') });
    const project = await loadProject({ dir: join(root, 'accounts') });
    expect(project.diagnostics.map(formatDiagnostic)).toEqual([
      `accounts/a.yaml:2:12 error [excluded-account] "svc_a" is declared but snac.yaml excludes it from snac's scope (snac.yaml:1:1, scope.exclude): remove it from scope.exclude or remove this declaration`,
    ]);
  });

  it('knows the instances accounts may name', async () => {
    expect(await problems({ 'accounts/a.yaml': account('svc_a', 'instances: [dev, devs]') })).toEqual([
      'accounts/a.yaml:3:18 error [unknown-instance] instance "devs" is not in snac.yaml (did you mean "dev"?): add it to instances: in snac.yaml or use one of: dev',
    ]);
    const root = writeProject({ 'accounts/a.yaml': account('svc_a', 'instances: [dev]') });
    const project = await loadProject({ dir: join(root, 'accounts') });
    expect(project.diagnostics.map(formatDiagnostic)).toEqual([
      'accounts/a.yaml:3:13 error [unknown-instance] instance "dev" is not in snac.yaml (it declares no instances): add it to instances: in snac.yaml',
    ]);
  });

  it('when broken, is reported once and the rules that need it are skipped rather than guessed', async () => {
    const root = writeProject({ 'snac.yaml': yaml('instances: dev'), 'accounts/a.yaml': account('svc_a', 'instances: [dev]') });
    const project = await loadProject({ dir: join(root, 'accounts') });
    expect(project.desired).toBeUndefined();
    expect(project.diagnostics.map((d) => d.code)).toEqual(['wrong-type']);
  });
});

describe('known_roles in snac.yaml', () => {
  it.each([
    ['a direct grant', account('svc_a', 'roles: [itil, itil_reader]'), 'accounts/a.yaml:3:15', 'itil_reader', ''],
    ['a group\'s grant', group('Broken', 'roles: [snc_read_only]'), 'accounts/a.yaml:3:9', 'snc_read_only', ''],
    ['a contained role', role('u_broken', 'contains: [u_nobody]'), 'accounts/a.yaml:3:12', 'u_nobody', ''],
  ])('warns at validate about a role outside the baseline list, %s, and leaves the instance check to plan', async (_name, text, at, name, hint) => {
    expect(await problems({ 'accounts/a.yaml': text })).toEqual([
      `${at} warning [unlisted-role] role "${name}" is not in snac's baseline list, not declared and not in snac.yaml's known_roles${hint}; the plan checks that the instance has it: list it under known_roles in snac.yaml if the instance ships it, declare it as a Role under accounts/roles/, or fix the name`,
    ]);
  });

  it('accepts references to roles the instance ships beyond the baseline list', async () => {
    const root = mkdtempSync(join(tmpdir(), 'snac-known-'));
    mkdirSync(join(root, 'accounts'));
    writeFileSync(join(root, 'snac.yaml'), 'known_roles: [sn_incident_read]\n');
    writeFileSync(join(root, 'accounts', 'a.yaml'), 'kind: ServiceAccount\nuser_name: svc_a\nowner: alice.nguyen\npurpose: Reads incidents for the wallboard.\nroles: [sn_incident_read, sn_cmdb_editor]\n');
    const project = await loadProject({ dir: join(root, 'accounts') });
    expect(project.diagnostics.map((d) => `${d.severity} ${d.code} ${d.summary.split(' is ')[0]}`)).toEqual(['warning unlisted-role role "sn_cmdb_editor"']);
    expect(project.desired).toBeDefined();
    writeFileSync(join(root, 'snac.yaml'), 'known_roles: [sn_incident_read, sn_cmdb_editor]\n');
    const fixed = await loadProject({ dir: join(root, 'accounts') });
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.desired?.config.knownRoles).toEqual(['sn_incident_read', 'sn_cmdb_editor']);
  });
});
