import type { Dependents } from '../impact/dependents.js';
import { withBlastRadius } from '../impact/blast-radius.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../kinds/live.js';
import { accessChanges } from './access.js';
import { canonicalJson } from './canonical-json.js';
import { ACTIONS, type Action, type Change, type Plan } from './change.js';
import { diff, type DiffOptions } from './diff.js';
import { liveFingerprint, planHash } from './fingerprint.js';
import { orderChanges } from './order.js';
import { policyFindings } from '../policy/policy.js';
import { privilegedRoles } from './privileged.js';
import { assessRisk } from './risk.js';
import { safetyFindings } from './safety.js';
import { simulate } from './simulate.js';

export interface PlanOptions {
  /** The instance's name in snac.yaml (accounts may be limited to some instances). */
  readonly instanceName?: string;
  /** snac's own user_name on this instance: never pruned, never stripped. */
  readonly reconciler?: string;
  /**
   * The declarations before this change (the pull request's base). A change that the base
   * would have produced too is drift: someone changed the instance by hand.
   */
  readonly base?: DesiredState;
  /** Safety finding codes to show without blocking (--allow, or snac.yaml). */
  readonly allow?: readonly string[];
  /** Today (YYYY-MM-DD). When given, the policy rules (src/policy/) run and their findings join the plan's. */
  readonly today?: string;
  /** What runs as the accounts (src/impact/): changes that cut an account off list them as risks. */
  readonly dependents?: Dependents;
}

/**
 * plan(desired, live) → Plan. Pure and synchronous: it never reads or writes anything, and the
 * same inputs always give the same plan (sorted changes, stable hashes).
 */
export function plan(desired: DesiredState, live: LiveState, options: PlanOptions = {}): Plan {
  const diffOptions: DiffOptions = {
    prune: desired.config.prune,
    ...(options.instanceName === undefined ? {} : { instanceName: options.instanceName }),
    ...(options.reconciler === undefined ? {} : { reconciler: options.reconciler.toLowerCase() }),
  };
  const drift = options.base === undefined ? new Set<string>() : new Set(diff(options.base, live, diffOptions).map(signature));
  const raw = diff(desired, live, diffOptions).map((c): Change => (c.origin === 'declared' && drift.has(signature(c)) ? { ...c, origin: 'drift' } : c));
  const ordered = orderChanges(raw);

  const isPrivileged = privilegedRoles(desired, live);
  const after = simulate(live, ordered);
  const access = accessChanges(live, after, isPrivileged);
  const dependents = options.dependents;
  const changes = ordered.map((c) => assessRisk(c, { live, access, isPrivileged })).map((c) => (dependents === undefined ? c : withBlastRadius(c, { dependents, access })));
  const safety = safetyFindings({
    live,
    changes,
    access,
    safety: desired.config.safety,
    ...(diffOptions.reconciler === undefined ? {} : { reconciler: diffOptions.reconciler }),
    allow: new Set(options.allow ?? []),
  });
  const policy = options.today === undefined ? [] : policyFindings(desired, live, { ...diffOptions, today: options.today, after });
  const findings = [...safety, ...policy];

  return {
    formatVersion: 1,
    instance: live.instance,
    changes,
    access,
    findings,
    counts: countActions(changes),
    liveFingerprint: liveFingerprint(live),
    planHash: planHash(changes),
  };
}

/** What a change does, regardless of where it is declared or why. */
function signature(change: Change): string {
  return canonicalJson({ kind: change.kind, key: change.key, action: change.action, fields: change.fields });
}

function countActions(changes: readonly Change[]): Record<Action, number> {
  const counts = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
  for (const change of changes) counts[change.action] += 1;
  return counts;
}

export function hasBlockingFindings(p: Plan): boolean {
  return p.findings.some((f) => f.blocking);
}
