import type { Finding } from '../plan/change.js';
import { POLICY_RULES } from '../policy/registry.js';

const POLICY_RULE_IDS = new Set(POLICY_RULES.map((r) => r.id));

/**
 * The blocking policy breaches of the accounts just imported: what they were like before snac,
 * to be recorded as dated debt (a warning until fixed) rather than fail the first plan. Breaches
 * of accounts declared before, and every other blocking finding, are left to block. Pure.
 */
export function importedDebt(findings: readonly Finding[], imported: ReadonlySet<string>): { rule: string; account: string }[] {
  return findings
    .filter((f) => f.blocking && POLICY_RULE_IDS.has(f.code) && f.record?.kind === 'ServiceAccount' && imported.has(f.record.key))
    .map((f) => ({ rule: f.code, account: f.record?.key ?? '' }));
}
