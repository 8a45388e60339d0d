import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../kinds/live.js';
import type { Finding } from '../plan/change.js';
import { policyContext, type PolicyOptions } from './context.js';
import { POLICY_RULES } from './registry.js';
import type { PolicyRule } from './rule.js';

export type { PolicyOptions } from './context.js';

/**
 * The policy findings of a set of declarations against an instance: each rule that is enabled
 * in snac.yaml (all are by default) at its configured severity, minus the accounts it lists as
 * exceptions. An error blocks the plan; a warning is shown. Pure: no clock, no I/O.
 */
export function policyFindings(desired: DesiredState, live: LiveState, options: PolicyOptions, rules: readonly PolicyRule[] = POLICY_RULES): Finding[] {
  const context = policyContext(desired, live, options);
  const configured = desired.config.policy.rules;
  const findings: Finding[] = [];
  for (const rule of rules) {
    const config = Object.hasOwn(configured, rule.id) ? configured[rule.id] : undefined;
    if (config?.enabled === false) continue;
    const severity = config?.severity ?? rule.severity;
    const exceptions = new Set(config?.exceptions ?? []);
    for (const violation of rule.check(context)) {
      if (exceptions.has(violation.account)) continue;
      findings.push({
        severity,
        code: rule.id,
        summary: violation.summary,
        fix: violation.fix,
        blocking: severity === 'error',
        record: { kind: 'ServiceAccount', key: violation.account },
        ...(violation.at === undefined ? {} : { at: violation.at }),
      });
    }
  }
  const known = new Set(rules.map((r) => r.id));
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
