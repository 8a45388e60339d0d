import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import type { DesiredState } from '../../src/kinds/desired.js';
import { naturalKey } from '../../src/model/keys.js';
import { removeProjects, writeProject, yaml } from './project.js';

const CONFIG = yaml('instances:', '  - name: dev', '    url: https://acme-dev.service-now.com', '    auth: {type: basic, username_env: SNAC_U, password_env: SNAC_P}');

async function desiredFrom(files: Record<string, string>): Promise<DesiredState> {
  const root = writeProject({ 'snac.yaml': CONFIG, ...files });
  const project = await loadProject({ dir: `${root}/accounts` });
  expect(project.diagnostics).toEqual([]);
  if (!project.desired) throw new Error('expected a desired state');
  return project.desired;
}

const at = (file: string, line: number, column: number) => ({ file, line, column });

afterAll(removeProjects);

describe('naturalKey', () => {
  it.each([
    ['svc_okta', 'svc_okta'],
    ['  SVC_Okta \t', 'svc_okta'],
    ['ServiceNow Service Accounts', 'servicenow service accounts'],
  ])('%j → %j', (name, key) => expect(naturalKey(name)).toBe(key));
});

describe('ServiceAccount', () => {
  const file = 'accounts/okta.yaml';
  const full = yaml(
    'kind: ServiceAccount',
    'user_name: svc_okta_provisioning',
    'first_name: Okta Provisioning',
    'last_name: Service Account',
    'email: identity@acme.example',
    'owner: Alice.Nguyen',
    'purpose: Okta pushes user profiles.',
    'web_service_access_only: false',
    'internal_integration_user: false',
    'active: true',
    'locked_out: false',
    'password_needs_reset: true',
    'groups: [ServiceNow Service Accounts]',
    'roles: [user_admin]',
    'instances: [dev]',
    'expires: 2027-06-30',
    'interactive: {reason: The connector still logs in through the UI form.}',
    'privileged:',
    '  reason: user_admin is needed to create users (seed 002).',
  );
  const group = yaml('kind: Group', 'name: ServiceNow Service Accounts');

  it('maps every field to sys_user, each with the place it was declared', async () => {
    const [account] = (await desiredFrom({ [file]: full, 'accounts/group.yaml': group })).records.ServiceAccount;
    expect(account).toEqual({
      kind: 'ServiceAccount',
      key: 'svc_okta_provisioning',
      at: at(file, 2, 12),
      fields: {
        first_name: { value: 'Okta Provisioning', at: at(file, 3, 13) },
        last_name: { value: 'Service Account', at: at(file, 4, 12) },
        email: { value: 'identity@acme.example', at: at(file, 5, 8) },
        manager: { value: 'alice.nguyen', at: at(file, 6, 8) },
        web_service_access_only: { value: false, at: at(file, 8, 26) },
        internal_integration_user: { value: false, at: at(file, 9, 28) },
        active: { value: true, at: at(file, 10, 9) },
        locked_out: { value: false, at: at(file, 11, 13) },
        password_needs_reset: { value: true, at: at(file, 12, 23) },
      },
      groups: [{ value: 'servicenow service accounts', at: at(file, 13, 10), written: 'ServiceNow Service Accounts' }],
      roles: [{ value: 'user_admin', at: at(file, 14, 9) }],
      purpose: { value: 'Okta pushes user profiles.', at: at(file, 7, 10) },
      instances: [{ value: 'dev', at: at(file, 15, 13) }],
      expires: { value: '2027-06-30', at: at(file, 16, 10) },
      interactiveReason: { value: 'The connector still logs in through the UI form.', at: at(file, 17, 23) },
      privilegedReason: { value: 'user_admin is needed to create users (seed 002).', at: at(file, 19, 11) },
    });
  });

  it('defaults to a non-interactive machine identity without a pending reset, and leaves everything else unmanaged', async () => {
    const [account] = (await desiredFrom({ [file]: yaml('kind: ServiceAccount', 'user_name: svc_minimal') })).records.ServiceAccount;
    expect(account).toEqual({
      kind: 'ServiceAccount',
      key: 'svc_minimal',
      at: at(file, 2, 12),
      fields: {
        web_service_access_only: { value: true, at: at(file, 2, 12) },
        identity_type: { value: 'machine', at: at(file, 2, 12) },
        password_needs_reset: { value: false, at: at(file, 2, 12) },
      },
    });
  });

  it('leaves the identity type of an interactive account as it is: Machine would tick web_service_access_only', async () => {
    const [account] = (await desiredFrom({ [file]: yaml('kind: ServiceAccount', 'user_name: svc_a', 'web_service_access_only: false') })).records.ServiceAccount;
    expect(account && 'identity_type' in account.fields).toBe(false);
  });

  it('writes name as first_name with an empty last_name', async () => {
    const [account] = (await desiredFrom({ [file]: yaml('kind: ServiceAccount', 'user_name: svc_a', 'name: Acme MSP') })).records.ServiceAccount;
    expect(account?.fields.first_name).toEqual({ value: 'Acme MSP', at: at(file, 3, 7) });
    expect(account?.fields.last_name).toEqual({ value: '', at: at(file, 3, 7) });
  });

  it('keeps an empty list as "none", unlike an absent one', async () => {
    const [account] = (await desiredFrom({ [file]: yaml('kind: ServiceAccount', 'user_name: svc_a', 'groups: []') })).records.ServiceAccount;
    expect(account?.groups).toEqual([]);
    expect(account && 'roles' in account).toBe(false);
  });

  it('reads several documents of one file, each at its own lines, sorted by user_name', async () => {
    const accounts = (await desiredFrom({ [file]: yaml('kind: ServiceAccount', 'user_name: svc_b', '---', 'kind: ServiceAccount', 'user_name: svc_a') })).records.ServiceAccount;
    expect(accounts.map((a) => [a.key, a.at.line])).toEqual([
      ['svc_a', 5],
      ['svc_b', 2],
    ]);
  });
});

describe('Group', () => {
  it('keys by the lower-cased name, keeps the name as written, and maps its fields and roles', async () => {
    const file = 'accounts/groups/monitoring.yaml';
    const { records: { Group: groups } } = await desiredFrom({
      [file]: yaml('kind: Group', 'name: Monitoring Readers', 'description: Read-only monitoring', 'manager: grace.kim', 'email: obs@acme.example', 'active: true', 'roles: [report_user]'),
    });
    expect(groups).toEqual([
      {
        kind: 'Group',
        key: 'monitoring readers',
        name: 'Monitoring Readers',
        at: at(file, 2, 7),
        fields: {
          description: { value: 'Read-only monitoring', at: at(file, 3, 14) },
          manager: { value: 'grace.kim', at: at(file, 4, 10) },
          email: { value: 'obs@acme.example', at: at(file, 5, 8) },
          active: { value: true, at: at(file, 6, 9) },
        },
        roles: [{ value: 'report_user', at: at(file, 7, 9) }],
      },
    ]);
  });

  it('leaves the roles of a group declared by name only unmanaged', async () => {
    const { records: { Group: groups } } = await desiredFrom({ 'accounts/g.yaml': yaml('kind: Group', 'name: Service Desk') });
    expect(groups[0]?.fields).toEqual({});
    expect(groups[0] && 'roles' in groups[0]).toBe(false);
  });
});

describe('Role', () => {
  it('maps a custom role, what it contains and who may assign it', async () => {
    const file = 'accounts/roles/u_cmdb_import.yaml';
    const { records: { Role: roles } } = await desiredFrom({
      [file]: yaml('kind: Role', 'name: u_cmdb_import', 'description: Imports CMDB data', 'contains: [import_transformer]', 'elevated_privilege: false', 'assignable_by: user_admin'),
    });
    expect(roles).toEqual([
      {
        kind: 'Role',
        key: 'u_cmdb_import',
        name: 'u_cmdb_import',
        at: at(file, 2, 7),
        fields: {
          description: { value: 'Imports CMDB data', at: at(file, 3, 14) },
          elevated_privilege: { value: false, at: at(file, 5, 21) },
          assignable_by: { value: 'user_admin', at: at(file, 6, 16) },
        },
        contains: [{ value: 'import_transformer', at: at(file, 4, 12) }],
      },
    ]);
  });
});

describe('SecuritySettings', () => {
  it('maps friendly names to their properties and stores every value as ServiceNow does: as text', async () => {
    const file = 'accounts/security.yaml';
    const { records: { SecuritySettings: properties } } = await desiredFrom({
      [file]: yaml('kind: SecuritySettings', 'require_auth_soap: true', 'default_deny: deny', 'csrf_strict_validation: false', 'properties:', '  glide.ui.session_timeout: 30', '  glide.custom.label: Acme'),
    });
    expect(properties).toEqual([
      { kind: 'SecuritySettings', key: 'glide.basicauth.required.soap', at: at(file, 2, 1), value: { value: 'true', at: at(file, 2, 20) }, friendlyName: 'require_auth_soap' },
      { kind: 'SecuritySettings', key: 'glide.custom.label', at: at(file, 7, 3), value: { value: 'Acme', at: at(file, 7, 23) } },
      {
        kind: 'SecuritySettings',
        key: 'glide.security.csrf.strict.validation.mode',
        at: at(file, 4, 1),
        value: { value: 'false', at: at(file, 4, 25) },
        friendlyName: 'csrf_strict_validation',
      },
      { kind: 'SecuritySettings', key: 'glide.sm.default_mode', at: at(file, 3, 1), value: { value: 'deny', at: at(file, 3, 15) }, friendlyName: 'default_deny' },
      { kind: 'SecuritySettings', key: 'glide.ui.session_timeout', at: at(file, 6, 3), value: { value: '30', at: at(file, 6, 29) } },
    ]);
  });
});

describe('warnings', () => {
  it('report without blocking: an unused exemption and an empty file', async () => {
    const root = writeProject({
      'accounts/a.yaml': yaml('kind: ServiceAccount', 'user_name: svc_a', 'interactive:', '  reason: Legacy connector logs in through the UI.'),
      'accounts/empty.yaml': '# nothing yet\n',
    });
    const project = await loadProject({ dir: `${root}/accounts` });
    expect(project.desired?.records.ServiceAccount.map((a) => a.key)).toEqual(['svc_a']);
    expect(project.diagnostics.map((d) => `${d.at?.file}:${d.at?.line}:${d.at?.column} ${d.severity} ${d.code}`)).toEqual([
      'accounts/a.yaml:3:1 warning unused-exemption',
      'accounts/empty.yaml:1:1 warning empty-file',
    ]);
  });
});
