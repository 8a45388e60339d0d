import { NO_DEPENDENTS } from '../../src/impact/dependents.js';
import type { PlanContext } from '../../src/planner/plan.js';

/** The day tests plan on. */
export const TEST_TODAY = '2026-12-01';

/**
 * A plan context for tests about planning mechanics (changes, safety rails, hashes): no policy
 * rules, nothing running as the accounts. Tests of policy or blast radius say so with their own.
 */
export function mechanicsOnly(extra: Partial<PlanContext> = {}): PlanContext {
  return { today: TEST_TODAY, dependents: NO_DEPENDENTS, policyRules: [], ...extra };
}

/** Every policy rule on, nothing running as the accounts. */
export function withPolicy(extra: Partial<PlanContext> = {}): PlanContext {
  return { today: TEST_TODAY, dependents: NO_DEPENDENTS, ...extra };
}
