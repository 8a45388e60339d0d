import type { LiveState } from '../kinds/live.js';
import type { Dependents } from '../impact/dependents.js';
import { withBlastRadius } from '../impact/blast-radius.js';
import type { DesiredState } from '../kinds/desired.js';
import { ACTIONS, type Action, type Change, type Plan } from '../plan/change.js';
import { computeChanges, protectedAccounts, type ComputeOptions } from '../plan/compute.js';
import { liveFingerprint, planHash } from '../plan/fingerprint.js';
import { assessRisk } from '../plan/risk.js';
import { safetyFindings, type Granter } from '../plan/safety.js';
import { visibilityFindings } from '../plan/visibility.js';
import { heldRoles } from '../kinds/access-model.js';
import { policyFindings } from '../policy/policy.js';
import { POLICY_RULES } from '../policy/registry.js';
import type { PolicyRule } from '../policy/rule.js';

/** Everything a plan needs besides the two states. `today` and `dependents` are required, so no caller can leave policy or blast radius out without saying so. */
export interface PlanContext extends ComputeOptions {
  /** Today (YYYY-MM-DD): the policy rules judge expiry against it. */
  readonly today: string;
  /** What runs as the accounts (src/impact/): changes that cut an account off list them as risks. */
  readonly dependents: Dependents;
  /** Safety finding codes to show without blocking (--allow, or snac.yaml). */
  readonly allow?: readonly string[];
  /** The policy rules to run; default every rule (src/policy/registry.ts). */
  readonly policyRules?: readonly PolicyRule[];
}

/**
 * plan(desired, live, context) → Plan, in layers: computeChanges gives the changes, the state
 * after them and the access they give; risk, blast radius, safety and policy consume that result
 * and never diff or simulate themselves. Pure and synchronous: it never reads or writes anything,
 * and the same inputs always give the same plan (sorted changes, stable hashes).
 */
export function plan(desired: DesiredState, live: LiveState, context: PlanContext): Plan {
  const computed = computeChanges(desired, live, context);
  const { access, isPrivileged, after } = computed;
  const changes = computed.changes
    .map((c) => assessRisk(c, { live, access, isPrivileged, privilegedReason: (account) => desired.records.ServiceAccount.find((a) => a.key === account)?.privilegedReason?.value }))
    .map((c) => withBlastRadius(c, { dependents: context.dependents, access }));
  const safety = safetyFindings({
    live,
    after,
    changes,
    access,
    safety: desired.config.safety,
    protectedAccounts: protectedAccounts(context),
    ...withGranter(live, context),
    allow: new Set(context.allow ?? []),
  });
  const policy = policyFindings(desired, { ...computed, changes }, { today: context.today, dependents: context.dependents, ...(context.instanceName === undefined ? {} : { instanceName: context.instanceName }) }, context.policyRules ?? POLICY_RULES);
  return {
    formatVersion: 1,
    instance: live.instance,
    changes,
    access,
    findings: [...safety, ...visibilityFindings(desired, live, context.instanceName), ...policy],
    counts: countActions(changes),
    liveFingerprint: liveFingerprint(live),
    planHash: planHash(changes),
  };
}

/** The account that applies (snac.yaml's reconciler, else the one signed in) and the roles it holds, when it was read. */
function withGranter(live: LiveState, context: PlanContext): { granter?: Granter } {
  const name = (context.reconciler ?? context.signedInAs)?.toLowerCase();
  if (name === undefined) return {};
  const roles = heldRoles(live).get(name);
  return { granter: roles === undefined ? { name } : { name, roles } };
}

function countActions(changes: readonly Change[]): Record<Action, number> {
  const counts = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
  for (const change of changes) counts[change.action] += 1;
  return counts;
}

export { hasBlockingFindings } from '../plan/findings.js';
