import type { DesiredState } from '../kinds/desired.js';
import { emptyLiveState } from '../kinds/live.js';
import { computeChanges, type ComputedChanges } from '../plan/compute.js';
import type { Finding } from '../plan/change.js';
import { policyContext, type PolicyOptions } from './context.js';
import { POLICY_RULES } from './registry.js';
import type { PolicyRule } from './rule.js';

export type { PolicyOptions } from './context.js';

/**
 * The policy findings of a set of declarations against an instance: each rule that is enabled
 * in snac.yaml (all are by default) at its configured severity, minus the accounts it lists as
 * exceptions. An error blocks the plan; a warning is shown. A breach recorded as debt (by snac
 * import, when the account was adopted) is a dated warning until fixed; a new one still blocks.
 * Pure: no clock, no I/O.
 */
export function policyFindings(desired: DesiredState, computed: ComputedChanges, options: PolicyOptions, rules: readonly PolicyRule[] = POLICY_RULES): Finding[] {
  const context = policyContext(desired, computed, options);
  const configured = desired.config.policy.rules;
  const findings: Finding[] = [];
  for (const rule of rules) {
    const config = Object.hasOwn(configured, rule.id) ? configured[rule.id] : undefined;
    if (config?.enabled === false) continue;
    const severity = config?.severity ?? rule.severity;
    const exceptions = new Set(config?.exceptions ?? []);
    const debt = new Map((config?.debt ?? []).map((d) => [d.account, d.since]));
    const owed = new Set<string>();
    for (const violation of rule.check(context)) {
      if (exceptions.has(violation.account)) continue;
      const since = debt.get(violation.account);
      if (since !== undefined) owed.add(violation.account);
      findings.push({
        severity: since === undefined ? severity : 'warning',
        code: rule.id,
        summary: since === undefined ? violation.summary : `debt since ${since}: ${violation.summary}`,
        fix: violation.fix,
        blocking: since === undefined && severity === 'error',
        record: violation.record ?? { kind: 'ServiceAccount', key: violation.account },
        ...(violation.at === undefined ? {} : { at: violation.at }),
      });
    }
    for (const account of [...debt.keys()].filter((a) => !owed.has(a)).sort()) {
      findings.push({
        severity: 'warning',
        code: 'debt-paid',
        summary: `${account} no longer breaks ${rule.id}, which snac.yaml records as debt since ${debt.get(account)}`,
        fix: `remove { account: ${account} } from policy.rules.${rule.id}.debt in snac.yaml, so a new breach blocks again`,
        blocking: false,
        record: { kind: 'ServiceAccount', key: account },
        ...(desired.config.at === undefined ? {} : { at: desired.config.at }),
      });
    }
  }
  const known = new Set(POLICY_RULES.map((r) => r.id));
  for (const id of Object.keys(configured).filter((k) => !known.has(k)).sort()) {
    findings.push({
      severity: 'warning',
      code: 'unknown-policy-rule',
      summary: `snac.yaml configures policy rule "${id}", which does not exist`,
      fix: `use one of ${[...known].join(', ')} (see docs/policy.md)`,
      blocking: false,
      ...(desired.config.at === undefined ? {} : { at: desired.config.at }),
    });
  }
  return findings;
}

/**
 * The findings `snac validate` can give without an instance: the offline rules against the
 * declarations alone. Whether recorded debt is paid is left to plan, which sees the instance.
 */
export function offlinePolicyFindings(desired: DesiredState, today: string): Finding[] {
  return policyFindings(desired, computeChanges(desired, emptyLiveState('no instance')), { today }, POLICY_RULES.filter((r) => r.offline === true)).filter((f) => f.code !== 'debt-paid');
}
