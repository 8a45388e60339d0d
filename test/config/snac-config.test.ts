import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { removeProjects, writeProject, yaml } from './project.js';

afterAll(removeProjects);

const account = yaml('kind: ServiceAccount', 'user_name: svc_a');

describe('snac.yaml', () => {
  it('maps every field, with credentials only as environment variable names', async () => {
    const root = writeProject({
      'accounts/a.yaml': account,
      'snac.yaml': yaml(
        'instances:',
        '  - name: prod',
        '    url: https://acme.service-now.com/',
        '    auth:',
        '      type: oauth',
        '      grant: password',
        '      client_id_env: SNAC_CLIENT_ID',
        '      client_secret_env: SNAC_CLIENT_SECRET',
        '      username_env: SNAC_USERNAME',
        '      password_env: SNAC_PASSWORD',
        '    reconciler: SVC_SNAC',
        '  - name: dev',
        '    url: https://acme-dev.service-now.com',
        '    auth: {type: basic, username_env: SNAC_DEV_USER, password_env: SNAC_DEV_PASSWORD}',
        'scope:',
        '  user_name_prefixes: [svc_, int_]',
        '  marker_group: snac Managed',
        '  exclude: [svc_legacy_soap]',
        'prune: ignore',
        'safety: {max_prunes: 3, max_change_share: 0.1, min_admins: 2}',
        'policy:',
        '  privileged_roles: [itil_admin]',
        '  forbidden_roles: [admin]',
        '  rules:',
        '    no-direct-roles: {severity: warning, exceptions: [svc_mid_server_02]}',
        '    owner-required: {enabled: false}',
        'known_roles: [sn_incident_read]',
        'platform_roles: [sn_esc.esc_user]',
      ),
    });
    const project = await loadProject({ dir: join(root, 'accounts') });
    expect(project.diagnostics).toEqual([]);
    expect(project.desired?.config).toEqual({
      at: { file: 'snac.yaml', line: 1, column: 1 },
      instances: [
        {
          name: 'prod',
          url: 'https://acme.service-now.com',
          auth: { type: 'oauth', grant: 'password', clientIdEnv: 'SNAC_CLIENT_ID', clientSecretEnv: 'SNAC_CLIENT_SECRET', usernameEnv: 'SNAC_USERNAME', passwordEnv: 'SNAC_PASSWORD' },
          reconciler: 'svc_snac',
        },
        { name: 'dev', url: 'https://acme-dev.service-now.com', auth: { type: 'basic', usernameEnv: 'SNAC_DEV_USER', passwordEnv: 'SNAC_DEV_PASSWORD' } },
      ],
      scope: { userNamePrefixes: ['svc_', 'int_'], markerGroup: 'snac Managed', exclude: ['svc_legacy_soap'] },
      prune: 'ignore',
      safety: { maxPrunes: 3, maxChangeShare: 0.1, minAdmins: 2 },
      policy: {
        privilegedRoles: ['itil_admin'],
        forbiddenRoles: ['admin'],
        dormantAfterDays: 90,
        rules: {
          'no-direct-roles': { enabled: true, severity: 'warning', exceptions: ['svc_mid_server_02'] },
          'owner-required': { enabled: false, exceptions: [] },
        },
      },
      knownRoles: ['sn_incident_read'],
      platformRoles: ['sn_esc.esc_user', 'snc_external', 'snc_internal'],
    });
  });

  it('takes each field it leaves out from the defaults, one by one', async () => {
    const root = writeProject({ 'accounts/a.yaml': account, 'snac.yaml': yaml('scope:', '  exclude: [svc_old]', 'safety:', '  max_prunes: 2') });
    const config = (await loadProject({ dir: join(root, 'accounts') })).desired?.config;
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      at: { file: 'snac.yaml', line: 1, column: 1 },
      scope: { userNamePrefixes: ['svc_'], exclude: ['svc_old'] },
      safety: { ...DEFAULT_CONFIG.safety, maxPrunes: 2 },
    });
  });

  it('is optional: without it the defaults apply', async () => {
    const root = writeProject({ 'accounts/a.yaml': account });
    const project = await loadProject({ dir: join(root, 'accounts') });
    expect(project.diagnostics).toEqual([]);
    expect(project.desired?.config).toBe(DEFAULT_CONFIG);
  });

  it('is read from configFile when given, and must then exist', async () => {
    const root = writeProject({ 'accounts/a.yaml': account, 'config/snac.yaml': yaml('prune: delete') });
    const given = await loadProject({ dir: join(root, 'accounts'), configFile: join(root, 'config', 'snac.yaml') });
    expect(given.desired?.config.prune).toBe('delete');
    expect(given.desired?.config.at).toEqual({ file: join('config', 'snac.yaml'), line: 1, column: 1 });

    const missing = await loadProject({ dir: join(root, 'accounts'), configFile: join(root, 'nowhere.yaml') });
    expect(missing.desired).toBeUndefined();
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['config-not-found']);
  });

  it('reports a declarations directory that does not exist', async () => {
    const root = writeProject({});
    const project = await loadProject({ dir: join(root, 'declarations') });
    expect(project.desired).toBeUndefined();
    expect(project.diagnostics.map((d) => [d.code, d.summary])).toEqual([['dir-not-found', `the declarations directory ${join(root, 'declarations')} does not exist or is not a directory`]]);
  });
});
