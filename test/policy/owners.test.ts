import { describe, expect, it } from 'vitest';
import { group } from '../support/states.js';
import { findingsOf, instance, project, serviceAccount, where } from './support.js';

describe('policy owner-required', () => {
  it.each([
    { name: 'owned', account: serviceAccount('svc_a'), expected: [] },
    { name: 'no owner', account: serviceAccount('svc_a', { fields: { manager: null } }), expected: ['svc_a@accounts/test.yaml:1'] },
    { name: 'empty owner', account: serviceAccount('svc_a', { fields: { manager: '' } }), expected: ['svc_a@accounts/test.yaml:1'] },
  ])('$name', ({ account, expected }) => {
    expect(where(findingsOf('owner-required', project([account]), instance()))).toEqual(expected);
  });

  it('points at the declaration when the owner is not written at all', () => {
    const { manager: _manager, ...fields } = serviceAccount('svc_a').fields;
    const findings = findingsOf('owner-required', project([{ ...serviceAccount('svc_a'), fields }]), instance());
    expect(where(findings)).toEqual(['svc_a@accounts/svc_a.yaml:1']);
    expect(findings[0]?.fix).toContain('owner:');
  });
});

describe('policy owner-active', () => {
  it.each([
    { name: 'an active person', owner: 'alice.nguyen', expected: [], says: '' },
    { name: 'a person who left', owner: 'dave.miller', expected: ['svc_a@accounts/test.yaml:1'], says: 'its owner dave.miller is inactive on test.service-now.com' },
    { name: 'nobody by that name', owner: 'nobody.here', expected: ['svc_a@accounts/test.yaml:1'], says: 'is not a user on test.service-now.com' },
    { name: 'another service account', owner: 'svc_robot', expected: ['svc_a@accounts/test.yaml:1'], says: 'is a non-interactive account, not a person' },
  ])('$name', ({ owner, expected, says }) => {
    const findings = findingsOf('owner-active', project([serviceAccount('svc_a', { fields: { manager: owner } })]), instance());
    expect(where(findings)).toEqual(expected);
    if (says !== '') expect(findings[0]?.summary).toContain(says);
  });

  it.each([
    { manager: 'alice.nguyen', expected: [] },
    { manager: 'dave.miller', expected: ['group integrations: its manager dave.miller is inactive on test.service-now.com: they may have left the company'] },
    { manager: 'nobody.here', expected: ['group integrations: its manager nobody.here is not a user on test.service-now.com'] },
  ])('checks a declared group\'s manager like an owner: $manager', ({ manager, expected }) => {
    const findings = findingsOf('owner-active', project([serviceAccount('svc_a')], { groups: [group('integrations', { manager })] }), instance());
    expect(findings.map((f) => f.summary)).toEqual(expected);
    for (const f of findings) expect(f).toMatchObject({ record: { kind: 'Group', key: 'integrations' }, fix: "name an active person who approves membership as the group's manager", blocking: true });
  });

  it('leaves accounts without an owner to owner-required', () => {
    expect(findingsOf('owner-active', project([serviceAccount('svc_a', { fields: { manager: null } })]), instance())).toEqual([]);
  });
});

describe('policy purpose-required', () => {
  it.each([
    { name: 'with a purpose', purpose: 'Okta provisioning', expected: [] },
    { name: 'without one', purpose: undefined, expected: ['svc_a@accounts/svc_a.yaml:1'] },
    { name: 'blank', purpose: '   ', expected: ['svc_a@accounts/svc_a.yaml:5'] },
  ])('$name', ({ purpose, expected }) => {
    expect(where(findingsOf('purpose-required', project([serviceAccount('svc_a', { purpose })]), instance()))).toEqual(expected);
  });
});
