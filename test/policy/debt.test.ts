import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PolicyRuleConfig } from '../../src/model/config.js';
import { computeChanges } from '../../src/plan/compute.js';
import { policyFindings } from '../../src/policy/policy.js';
import { at } from '../support/states.js';
import { instance, project, serviceAccount, TODAY } from './support.js';

const accounts = () => [serviceAccount('svc_a', { fields: { manager: null } }), serviceAccount('svc_b', { fields: { manager: null } }), serviceAccount('svc_c')];
const findings = (rules: Record<string, PolicyRuleConfig>) => {
  const desired = project(accounts(), { config: { policy: { ...DEFAULT_CONFIG.policy, forbiddenRoles: ['admin'], rules }, at: at('snac.yaml', 3) } });
  return policyFindings(desired, computeChanges(desired, instance()), { today: TODAY });
};

describe('policy debt (policy.rules.<rule>.debt, recorded by snac import)', () => {
  it('turns a recorded breach into a dated warning, while a new breach of the same rule still blocks', () => {
    const found = findings({ 'owner-required': { enabled: true, exceptions: [], debt: [{ account: 'svc_a', since: '2026-12-01' }] } });
    expect(found.map((f) => [f.record?.key, f.severity, f.blocking])).toEqual([['svc_a', 'warning', false], ['svc_b', 'error', true]]);
    expect(found[0]?.summary).toBe('debt since 2026-12-01: svc_a has no owner: nobody answers for it when its integration changes or breaks');
  });

  it('says when a recorded breach is fixed, so its entry can go', () => {
    const found = findings({ 'owner-required': { enabled: true, exceptions: [], debt: [{ account: 'svc_a', since: '2026-12-01' }, { account: 'svc_c', since: '2026-12-01' }] } });
    const paid = found.find((f) => f.code === 'debt-paid');
    expect(paid).toMatchObject({ severity: 'warning', blocking: false, record: { key: 'svc_c' }, at: { file: 'snac.yaml', line: 3 } });
    expect(paid?.summary).toBe('svc_c no longer breaks owner-required, which snac.yaml records as debt since 2026-12-01');
    expect(paid?.fix).toBe('remove { account: svc_c } from policy.rules.owner-required.debt in snac.yaml, so a new breach blocks again');
  });
});
