import type { Change, Plan } from '../plan/change.js';

/**
 * Changes that need the designated team's review: a High Security Setting changed, or a
 * privileged role (admin, security_admin, an elevated role, or one snac.yaml names) granted,
 * directly, through a group, or by containment. The planner says which in each change's risks.
 */
export function privilegedChanges(plan: Plan): Change[] {
  return plan.changes.filter((c) => c.kind === 'SecuritySettings' || (c.risk === 'high' && c.risks.some((r) => /\bprivileged roles?\b/.test(r))));
}
