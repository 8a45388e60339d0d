import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PolicyRuleConfig } from '../../src/model/config.js';
import { plan } from '../../src/planner/plan.js';
import { policyFindings } from '../../src/policy/policy.js';
import { POLICY_RULES } from '../../src/policy/registry.js';
import { at } from '../support/states.js';
import { instance, project, serviceAccount, TODAY } from './support.js';
import { mechanicsOnly, withPolicy } from '../support/plan-context.js';
import { computeChanges } from '../../src/plan/compute.js';

const bad = () => [serviceAccount('svc_a', { fields: { manager: null }, roles: ['itil'] }), serviceAccount('svc_b', { fields: { manager: null } })];
const withRules = (rules: Record<string, PolicyRuleConfig>) => project(bad(), { config: { policy: { ...DEFAULT_CONFIG.policy, forbiddenRoles: ['admin'], rules }, at: at('snac.yaml', 3) } });
const codes = (rules: Record<string, PolicyRuleConfig>) => policyFindings(withRules(rules), computeChanges(withRules(rules), instance()), { today: TODAY }).map((f) => `${f.severity} ${f.code} ${f.record?.key ?? ''}`);

describe('policy configuration (snac.yaml policy.rules)', () => {
  it('runs every rule at its default severity', () => {
    expect(codes({})).toEqual(['error owner-required svc_a', 'error owner-required svc_b', 'warning no-direct-roles svc_a']);
  });

  it.each([
    { name: 'disabled', rules: { 'owner-required': { enabled: false, exceptions: [] } }, expected: ['warning no-direct-roles svc_a'] },
    { name: 'downgraded to a warning', rules: { 'owner-required': { enabled: true, severity: 'warning' as const, exceptions: [] } }, expected: ['warning owner-required svc_a', 'warning owner-required svc_b', 'warning no-direct-roles svc_a'] },
    { name: 'upgraded to an error', rules: { 'no-direct-roles': { enabled: true, severity: 'error' as const, exceptions: [] } }, expected: ['error owner-required svc_a', 'error owner-required svc_b', 'error no-direct-roles svc_a'] },
    { name: 'with an exception', rules: { 'owner-required': { enabled: true, exceptions: ['svc_b'] } }, expected: ['error owner-required svc_a', 'warning no-direct-roles svc_a'] },
  ])('a rule $name', ({ rules, expected }) => {
    expect(codes(rules)).toEqual(expected);
  });

  it('makes errors blocking and warnings not', () => {
    const findings = policyFindings(withRules({}), computeChanges(withRules({}), instance()), { today: TODAY });
    expect(findings.map((f) => [f.severity, f.blocking])).toEqual([['error', true], ['error', true], ['warning', false]]);
  });

  it('warns about a rule id that does not exist, at snac.yaml', () => {
    const findings = policyFindings(withRules({ 'no-such-rule': { enabled: false, exceptions: [] } }), computeChanges(withRules({}), instance()), { today: TODAY });
    expect(findings.at(-1)).toMatchObject({ code: 'unknown-policy-rule', severity: 'warning', blocking: false, at: { file: 'snac.yaml', line: 3 } });
    expect(findings.at(-1)?.fix).toContain('owner-required');
  });

  it('has unique kebab-case ids, each with a title', () => {
    const ids = POLICY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of POLICY_RULES) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9-]{0,63}$/);
      expect(rule.title.length).toBeGreaterThan(10);
    }
  });
});

describe('policy in the plan', () => {
  it('adds policy findings when the plan is given a date, and only then', () => {
    const desired = withRules({});
    expect(plan(desired, instance(), mechanicsOnly()).findings).toEqual([]);
    const findings = plan(desired, instance(), withPolicy({ today: TODAY })).findings;
    expect(findings.map((f) => f.code)).toEqual(['owner-required', 'owner-required', 'no-direct-roles']);
    expect(findings[0]?.at).toEqual({ file: 'accounts/test.yaml', line: 1, column: 1 });
  });

  it('judges the accounts of the planned instance only', () => {
    const desired = project([{ ...serviceAccount('svc_prod', { fields: { manager: null } }), instances: [{ value: 'prod', at: at() }] }]);
    expect(plan(desired, instance(), withPolicy({ today: TODAY, instanceName: 'dev' })).findings).toEqual([]);
    expect(plan(desired, instance(), withPolicy({ today: TODAY, instanceName: 'prod' })).findings.map((f) => f.code)).toEqual(['owner-required']);
  });

  it('stays deterministic: the same inputs give the same findings', () => {
    const desired = withRules({});
    const live = instance();
    expect(plan(desired, live, withPolicy({ today: TODAY }))).toEqual(plan(desired, live, withPolicy({ today: TODAY })));
  });
});
