import { naturalKey } from '../../src/model/keys.js';
import { describe, expect, it } from 'vitest';
import type { DesiredOAuthClient } from '../../src/kinds/desired.js';
import { CLIENT_CREDENTIALS_PROPERTY } from '../../src/policy/rules/oauth-grant-disabled.js';
import { at, liveRecord, property } from '../support/states.js';
import { findingsOf, instance, project, serviceAccount, where } from './support.js';

function client(name: string, account: string, grant: DesiredOAuthClient['grantType']['value'], active?: boolean): DesiredOAuthClient {
  const file = `accounts/oauth-clients/${account}.yaml`;
  return {
    kind: 'OAuthClient',
    key: naturalKey(name),
    name,
    at: at(file, 2),
    account: { value: naturalKey(account), at: at(file, 3) },
    grantType: { value: grant, at: at(file, 4) },
    fields: { application_user: { value: account, at: at(file, 3) }, ...(active === undefined ? {} : { active: { value: active, at: at(file, 6) } }) },
  };
}

const accounts = [serviceAccount('svc_jira'), serviceAccount('svc_okta')];
const grant = (value: string) => liveRecord('sys_properties', CLIENT_CREDENTIALS_PROPERTY, { value });

describe('policy rule oauth-grant-disabled', () => {
  it.each([
    ['absent property', undefined, ['svc_jira@accounts/oauth-clients/svc_jira.yaml:4']],
    ['property false', 'false', ['svc_jira@accounts/oauth-clients/svc_jira.yaml:4']],
    ['property true', 'true', []],
  ])('%s', (_name, value, expected) => {
    const desired = project(accounts, { oauthClients: [client('Jira', 'svc_jira', 'client_credentials'), client('Okta', 'svc_okta', 'password'), client('Old', 'svc_okta', 'client_credentials', false)] });
    const live = instance(value === undefined ? {} : { properties: [grant(value)] });
    const findings = findingsOf('oauth-grant-disabled', desired, live);
    expect(where(findings)).toEqual(expected);
    expect(findings.every((f) => f.severity === 'warning' && !f.blocking)).toBe(true);
  });

  it('is cleared by declaring the grant in the same change', () => {
    const desired = project(accounts, {
      oauthClients: [client('Jira', 'svc_jira', 'client_credentials')],
      properties: [property(CLIENT_CREDENTIALS_PROPERTY, 'true')],
    });
    expect(findingsOf('oauth-grant-disabled', desired, instance({ properties: [grant('false')] }))).toEqual([]);
  });
});
