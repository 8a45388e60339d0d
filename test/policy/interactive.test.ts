import { describe, expect, it } from 'vitest';
import { group, link } from '../support/states.js';
import { findingsOf, instance, project, serviceAccount, where } from './support.js';

describe('policy non-interactive', () => {
  it.each([
    { name: 'non-interactive by default', account: serviceAccount('svc_a'), expected: [] },
    { name: 'declared interactive without a reason', account: serviceAccount('svc_a', { fields: { web_service_access_only: false } }), expected: ['svc_a@accounts/test.yaml:1'] },
    { name: 'declared interactive with a reason', account: serviceAccount('svc_a', { fields: { web_service_access_only: false }, interactiveReason: 'vendor tool logs in to the UI' }), expected: [] },
    { name: 'a reason but non-interactive anyway', account: serviceAccount('svc_a', { interactiveReason: 'kept for later' }), expected: [] },
  ])('$name', ({ account, expected }) => {
    const findings = findingsOf('non-interactive', project([account]), instance());
    expect(where(findings)).toEqual(expected);
    for (const f of findings) expect(f).toMatchObject({ code: 'non-interactive', severity: 'error', blocking: true, fix: expect.stringContaining('interactive: { reason') });
  });
});

describe('policy internal-integration-user', () => {
  const mid = group('mid servers', {}, ['mid_server']);
  it.each([
    { name: 'not an internal integration user', account: serviceAccount('svc_a'), groups: [], expected: [] },
    { name: 'MID Server account through its group', account: serviceAccount('svc_mid', { fields: { internal_integration_user: true }, groups: ['mid servers'] }), groups: [mid], expected: [] },
    { name: 'MID Server account with the role granted directly', account: serviceAccount('svc_mid', { fields: { internal_integration_user: true }, groups: [], roles: ['mid_server'] }), groups: [], expected: [] },
    { name: 'internal integration user without mid_server', account: serviceAccount('svc_okta', { fields: { internal_integration_user: true } }), groups: [], expected: ['svc_okta@accounts/test.yaml:1'] },
  ])('$name', ({ account, groups, expected }) => {
    const findings = findingsOf('internal-integration-user', project([account], { groups }), instance());
    expect(where(findings)).toEqual(expected);
  });

  it('counts a MID Server group the declarations do not manage, as the instance has it', () => {
    const live = instance({ groupRoles: [link('sys_group_has_role', 'mid servers', 'mid_server')] });
    const account = serviceAccount('svc_mid', { fields: { internal_integration_user: true }, groups: ['mid servers'] });
    expect(findingsOf('internal-integration-user', project([account]), live)).toEqual([]);
  });
});
