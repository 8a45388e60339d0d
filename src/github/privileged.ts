import { PRIVILEGED_RISKS, type Change, type Plan } from '../plan/change.js';

/**
 * Changes that need the designated team's review, decided from the typed risk codes the
 * planner put in the plan (a privileged role granted directly, through a group or by
 * containment; a High Security Setting changed). Never from the text people read.
 */
export function privilegedChanges(plan: Plan): Change[] {
  return plan.changes.filter((c) => c.risks.some((r) => PRIVILEGED_RISKS.has(r.code)));
}
