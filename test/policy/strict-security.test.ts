import { describe, expect, it } from 'vitest';
import { group, link, liveAccount, liveRecord, property } from '../support/states.js';
import { findingsOf, instance, project, serviceAccount, where } from './support.js';

const STRICT = 'glide.soap.strict_security';
const strictIs = (value: string) => [liveRecord('sys_properties', STRICT, { value, write_roles: 'security_admin' })];
const soapGroup = group('soap users', {}, ['soap']);

describe('policy strict-security-soap', () => {
  it.each([
    { name: 'SOAP user without soap under strict security', strict: 'true', account: serviceAccount('svc_soap', { purpose: 'Legacy SOAP import of assets' }), expected: ['svc_soap@accounts/svc_soap.yaml:1'] },
    { name: 'SOAP user with soap through a group', strict: 'true', account: serviceAccount('svc_soap', { purpose: 'Legacy SOAP import', groups: ['soap users'] }), expected: [] },
    { name: 'SOAP user, strict security off', strict: 'false', account: serviceAccount('svc_soap', { purpose: 'Legacy SOAP import' }), expected: [] },
    { name: 'a REST-only account', strict: 'true', account: serviceAccount('svc_rest'), expected: [] },
    { name: 'holding a partial SOAP role', strict: 'true', account: serviceAccount('svc_q', { roles: ['soap_query'] }), expected: ['svc_q@accounts/svc_q.yaml:1'] },
  ])('$name', ({ strict, account, expected }) => {
    const findings = findingsOf('strict-security-soap', project([account], { groups: [soapGroup] }), instance({ properties: strictIs(strict) }));
    expect(where(findings)).toEqual(expected);
  });

  it('treats an absent property as on: the platform falls back to true', () => {
    const findings = findingsOf('strict-security-soap', project([serviceAccount('svc_soap', { purpose: 'WSDL consumer' })]), instance());
    expect(findings.map((f) => f.summary)).toEqual([expect.stringContaining('svc_soap uses SOAP (its purpose mentions SOAP) but would not hold soap')]);
  });

  it('flags a plan that takes soap away from an account that has it', () => {
    const live = instance({ properties: strictIs('true'), accounts: [liveAccount('svc_legacy')], directRoles: [link('sys_user_has_role', 'svc_legacy', 'soap')] });
    const findings = findingsOf('strict-security-soap', project([serviceAccount('svc_legacy', { roles: [] })]), live);
    expect(findings.map((f) => f.summary)).toEqual([expect.stringContaining('it holds soap today')]);
  });

  it('names every account cut off when the plan turns strict security on, at the setting', () => {
    const live = instance({
      properties: strictIs('false'),
      accounts: [liveAccount('svc_declared'), liveAccount('svc_undeclared_soap'), liveAccount('svc_rest')],
      directRoles: [link('sys_user_has_role', 'svc_undeclared_soap', 'soap_query')],
    });
    const desired = project([serviceAccount('svc_declared', { purpose: 'SOAP bridge to the ERP' })], { properties: [property(STRICT, 'true')], config: { prune: 'ignore' } });
    const findings = findingsOf('strict-security-soap', desired, live);
    expect(where(findings)).toEqual(['svc_declared@accounts/test.yaml:1', 'svc_undeclared_soap@accounts/test.yaml:1']);
    expect(findings[1]?.summary).toBe('turning on SOAP strict security (glide.soap.strict_security) cuts svc_undeclared_soap off SOAP: it holds soap_query, and it would not hold soap');
  });
});
