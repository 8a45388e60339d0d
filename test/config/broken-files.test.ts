import { afterAll, describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/commands/validate.js';
import { loadProject } from '../../src/config/index.js';
import { captureIo } from '../support/io.js';
import { removeProjects, writeProject, yaml } from './project.js';

/**
 * One broken file added to the valid example project, and the one error it must produce: its
 * code and exact place. Lines are counted in the YAML written here; columns are 1-based.
 */
interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  /** `file:line:column code` of every error expected, in the order reported. */
  readonly errors: readonly string[];
}

const SA = 'accounts/service-accounts/broken.yaml';
const account = (...lines: string[]) => yaml('kind: ServiceAccount', 'user_name: svc_broken', 'owner: alice.nguyen', ...lines);
const CONFIG = 'snac.yaml';
const config = (...lines: string[]) => yaml('instances:', '  - name: demo', '    url: http://127.0.0.1:8080', ...lines);

const syntax: Case[] = [
  { name: 'unclosed flow list', files: { [SA]: account('groups: [ServiceNow Service Accounts', 'roles: []') }, errors: [`${SA}:5:1 yaml-syntax`] },
  { name: 'tab indentation', files: { [SA]: account('groups:', '\t- ServiceNow Service Accounts') }, errors: [`${SA}:5:1 yaml-syntax`] },
  { name: 'the same key twice', files: { [SA]: account('purpose: one', 'purpose: two') }, errors: [`${SA}:5:1 yaml-duplicate-key`] },
  { name: 'a value that is a mapping on one line', files: { [SA]: account('purpose: a: b') }, errors: [`${SA}:4:10 yaml-syntax`] },
  { name: 'unterminated quoted string', files: { [SA]: account('purpose: "never closed') }, errors: [`${SA}:4:10 yaml-syntax`] },
  { name: 'bytes that are not UTF-8', files: { [SA]: Buffer.concat([Buffer.from(account('purpose: caf')), Buffer.from([0xe9, 0x0a])]) }, errors: [`${SA}:5:1 not-utf8`] },
];

const schema: Case[] = [
  { name: 'no kind', files: { [SA]: yaml('# an account', 'user_name: svc_broken') }, errors: [`${SA}:2:1 missing-kind`] },
  { name: 'misspelt kind', files: { [SA]: yaml('kind: ServiceAcount', 'user_name: svc_broken') }, errors: [`${SA}:1:7 unknown-kind`] },
  { name: 'a list instead of a mapping', files: { [SA]: yaml('- kind: ServiceAccount') }, errors: [`${SA}:1:1 not-a-mapping`] },
  { name: 'no user_name', files: { [SA]: yaml('kind: ServiceAccount', 'owner: alice.nguyen') }, errors: [`${SA}:1:1 missing-field`] },
  { name: 'unknown field', files: { [SA]: account('owner_email: alice@acme.example') }, errors: [`${SA}:4:1 unknown-field`] },
  { name: 'groups as text', files: { [SA]: account('groups: ServiceNow Service Accounts') }, errors: [`${SA}:4:9 wrong-type`] },
  { name: 'upper-case user_name', files: { [SA]: yaml('kind: ServiceAccount', 'user_name: SVC_Broken') }, errors: [`${SA}:2:12 invalid-value`] },
  { name: 'yes is text in YAML 1.2', files: { [SA]: account('web_service_access_only: yes') }, errors: [`${SA}:4:26 wrong-type`] },
  { name: 'malformed email', files: { [SA]: account('email: alice.acme.example') }, errors: [`${SA}:4:8 invalid-value`] },
  { name: 'a group listed twice', files: { [SA]: account('groups:', '  - MID Servers', '  - MID Servers') }, errors: [`${SA}:6:5 duplicate-item`] },
  { name: 'date without leading zeros', files: { [SA]: account('expires: 2027-6-1') }, errors: [`${SA}:4:10 invalid-value`] },
  { name: 'a day that does not exist', files: { [SA]: account('expires: 2027-02-30') }, errors: [`${SA}:4:10 invalid-date`] },
  { name: 'name and first_name', files: { [SA]: account('name: Broken', 'first_name: Broken') }, errors: [`${SA}:4:7 conflicting-fields`] },
  {
    name: 'interactive MID Server user',
    files: { [SA]: account('internal_integration_user: true', 'web_service_access_only: false') },
    errors: [`${SA}:4:28 conflicting-fields`],
  },
  { name: 'exemption without a reason', files: { [SA]: account('web_service_access_only: false', 'interactive: {}') }, errors: [`${SA}:5:14 missing-field`] },
  { name: 'exemption with a too short reason', files: { [SA]: account('web_service_access_only: false', 'interactive:', '  reason: why') }, errors: [`${SA}:6:11 invalid-value`] },
  { name: 'group with members', files: { 'accounts/groups/broken.yaml': yaml('kind: Group', 'name: Broken', 'members: [svc_a]') }, errors: ['accounts/groups/broken.yaml:3:1 unknown-field'] },
  { name: 'role name with spaces', files: { 'accounts/roles/broken.yaml': yaml('kind: Role', 'name: u_broken role') }, errors: ['accounts/roles/broken.yaml:2:7 invalid-value'] },
  { name: 'setting quoted as text', files: { 'accounts/hss.yaml': yaml('kind: SecuritySettings', 'require_auth_rss: "true"') }, errors: ['accounts/hss.yaml:2:19 wrong-type'] },
  { name: 'default_deny as a boolean', files: { 'accounts/hss.yaml': yaml('kind: SecuritySettings', 'default_deny: true') }, errors: ['accounts/hss.yaml:2:15 invalid-value'] },
  { name: 'unknown setting', files: { 'accounts/hss.yaml': yaml('kind: SecuritySettings', 'require_auth_smtp: true') }, errors: ['accounts/hss.yaml:2:1 unknown-field'] },
  {
    name: 'property name with a space',
    files: { 'accounts/hss.yaml': yaml('kind: SecuritySettings', 'properties:', '  glide.ui.session_timeout: 30', '  "glide ui": 1') },
    errors: ['accounts/hss.yaml:4:3 invalid-value'],
  },
];

const configFile: Case[] = [
  { name: 'unknown prune policy', files: { [CONFIG]: config('    auth: {type: basic, username_env: SNAC_U, password_env: SNAC_P}', 'prune: archive') }, errors: [`${CONFIG}:5:8 invalid-value`] },
  { name: 'basic auth without password_env', files: { [CONFIG]: config('    auth:', '      type: basic', '      username_env: SNAC_U') }, errors: [`${CONFIG}:5:7 missing-field`] },
  {
    name: 'password grant without user env',
    files: { [CONFIG]: config('    auth: {type: oauth, grant: password, client_id_env: SNAC_I, client_secret_env: SNAC_S}') },
    errors: [`${CONFIG}:4:11 missing-field`, `${CONFIG}:4:11 missing-field`],
  },
  { name: 'unknown auth type', files: { [CONFIG]: config('    auth: {type: token}') }, errors: [`${CONFIG}:4:18 invalid-value`] },
  { name: 'share above 1', files: { [CONFIG]: config('    auth: {type: basic, username_env: SNAC_U, password_env: SNAC_P}', 'safety:', '  max_change_share: 1.5') }, errors: [`${CONFIG}:6:21 invalid-value`] },
  {
    name: 'the same instance twice',
    files: { [CONFIG]: config('    auth: {type: basic, username_env: SNAC_U, password_env: SNAC_P}', '  - name: demo', '    url: http://127.0.0.1:9090', '    auth: {type: basic, username_env: SNAC_U, password_env: SNAC_P}') },
    errors: [`${CONFIG}:5:11 duplicate-key`],
  },
  { name: 'two documents in snac.yaml', files: { [CONFIG]: yaml('prune: delete', '---', 'prune: ignore') }, errors: [`${CONFIG}:3:1 config-documents`] },
];

const references: Case[] = [
  { name: 'unknown group', files: { [SA]: account('groups:', '  - ServiceNow Service Acounts') }, errors: [`${SA}:5:5 unknown-group`] },
  { name: 'a baseline role declared', files: { 'accounts/roles/broken.yaml': yaml('kind: Role', 'name: itil') }, errors: ['accounts/roles/broken.yaml:2:7 baseline-role'] },
  {
    name: 'roles containing each other',
    files: { 'accounts/roles/broken.yaml': yaml('kind: Role', 'name: u_a', 'contains: [u_b]', '---', 'kind: Role', 'name: u_b', 'contains: [u_a]') },
    errors: ['accounts/roles/broken.yaml:2:7 role-cycle', 'accounts/roles/broken.yaml:6:7 role-cycle'],
  },
  {
    name: 'an account declared twice',
    files: { [SA]: yaml('kind: ServiceAccount', 'user_name: svc_terraform') },
    errors: [`${SA}:2:12 duplicate-key`, 'accounts/service-accounts/svc_terraform.yaml:3:12 duplicate-key'],
  },
  {
    name: 'a group declared twice, in another case',
    files: { 'accounts/groups/broken.yaml': yaml('kind: Group', 'name: mid servers') },
    errors: ['accounts/groups/broken.yaml:2:7 duplicate-key', 'accounts/groups/mid-servers.yaml:3:7 duplicate-key'],
  },
  {
    name: 'a setting declared by friendly and by real name',
    files: { 'accounts/hss.yaml': yaml('kind: SecuritySettings', 'properties:', '  glide.basicauth.required.soap: false') },
    errors: ['accounts/hss.yaml:3:3 duplicate-key', 'accounts/security-settings.yaml:8:1 duplicate-key'],
  },
  { name: 'owner is a service account', files: { [SA]: yaml('kind: ServiceAccount', 'user_name: svc_broken', 'owner: svc_monitoring_reader') }, errors: [`${SA}:3:8 owner-not-a-person`] },
  {
    name: 'a declared account the scope excludes',
    files: { [CONFIG]: config('    auth: {type: basic, username_env: SNAC_U, password_env: SNAC_P}', 'scope:', '  exclude: [svc_terraform]') },
    errors: ['accounts/service-accounts/svc_terraform.yaml:3:12 excluded-account'],
  },
  { name: 'an instance snac.yaml does not know', files: { [SA]: account('instances: [prod]') }, errors: [`${SA}:4:13 unknown-instance`] },
];

const hostile: Case[] = [
  {
    name: 'alias bomb',
    files: { [SA]: account('purpose: &a [x, x, x, x, x, x, x, x, x]', 'roles: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'groups: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'email: [*c, *c, *c, *c, *c, *c, *c, *c, *c]') },
    errors: [`${SA}:7:9 yaml-alias-limit`],
  },
  { name: 'nesting deeper than any declaration', files: { [SA]: account(`purpose: ${'['.repeat(40)}${']'.repeat(40)}`) }, errors: [`${SA}:4:42 yaml-too-deep`] },
  { name: 'nesting that exhausts the parser', files: { [SA]: account(`purpose: ${'['.repeat(200_000)}${']'.repeat(200_000)}`) }, errors: [`${SA}:1:1 yaml-too-deep`] },
  { name: 'a file over 1 MiB', files: { [SA]: account(`purpose: ${'x'.repeat(1024 * 1024)}`) }, errors: [`${SA}:1:1 file-too-large`] },
  // A tag is reported at the value it is attached to.
  { name: 'custom tag', files: { [SA]: account('purpose: !js/function "return 1"') }, errors: [`${SA}:4:23 yaml-tag`] },
  { name: 'binary tag', files: { [SA]: account('purpose: !!binary aGVsbG8=') }, errors: [`${SA}:4:19 yaml-tag`] },
  { name: '__proto__ key', files: { [SA]: account('__proto__:', '  polluted: true') }, errors: [`${SA}:4:1 yaml-forbidden-key`] },
  { name: 'constructor key', files: { 'accounts/hss.yaml': yaml('kind: SecuritySettings', 'properties:', '  constructor: 1') }, errors: ['accounts/hss.yaml:3:3 yaml-forbidden-key'] },
  { name: 'complex key', files: { [SA]: account('? [a, b]', ': 1') }, errors: [`${SA}:4:3 yaml-key`] },
  { name: 'infinite number', files: { 'accounts/hss.yaml': yaml('kind: SecuritySettings', 'properties:', '  glide.ui.session_timeout: .inf') }, errors: ['accounts/hss.yaml:3:29 yaml-value'] },
];

describe('a broken file fails validation at its exact place', () => {
  afterAll(removeProjects);
  const groups = { syntax, schema, 'snac.yaml': configFile, references, hostile };
  it('covers at least 30 broken files', () => {
    expect(Object.values(groups).flat().length).toBeGreaterThanOrEqual(30);
  });

  for (const [group, cases] of Object.entries(groups)) {
    describe(group, () => {
      it.each(cases)('$name', async ({ files, errors }) => {
        const root = writeProject(files, { withExamples: true });
        const project = await loadProject({ dir: `${root}/accounts` });
        expect(project.desired).toBeUndefined();
        const found = project.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.at?.file}:${d.at?.line}:${d.at?.column} ${d.code}`);
        expect(found).toEqual(errors);

        const io = captureIo({}, root);
        expect(await validateCommand.run([], io)).toBe(1);
        const [first] = errors;
        if (first !== undefined) {
          const [place, code] = first.split(' ');
          expect(io.out()).toContain(`${place} error [${code}] `);
        }
        expect(io.out()).toMatch(/snac validate: \d+ errors?, \d+ warnings?; nothing is valid until every error is fixed\n$/);
      });
    });
  }
});
