import type { LiveState } from '../kinds/live.js';
import type { DesiredState } from '../model/desired.js';
import { accessChanges } from './access.js';
import type { AccessChange, Change } from './change.js';
import { diff, type DiffOptions } from './diff.js';
import { orderChanges } from './order.js';
import { privilegedRoles } from './privileged.js';
import { changeSignature } from './signature.js';
import { simulate } from './simulate.js';

export interface ComputeOptions {
  /** The instance's name in snac.yaml (accounts may be limited to some instances). */
  readonly instanceName?: string;
  /** snac's own user_name on this instance: never pruned, never stripped. */
  readonly reconciler?: string;
  /**
   * The declarations before this change (the pull request's base). A change that the base
   * would have produced too is drift: someone changed the instance by hand.
   */
  readonly base?: DesiredState;
}

/** The first layer of a plan: what would change, and what the instance would look like after. */
export interface ComputedChanges {
  readonly live: LiveState;
  /** In apply order, origin set, not yet assessed for risk. */
  readonly changes: readonly Change[];
  /** The live state after the changes, simulated in memory. */
  readonly after: LiveState;
  /** Roles each account gains and loses, privileged ones called out. */
  readonly access: readonly AccessChange[];
  readonly isPrivileged: (role: string) => boolean;
}

/**
 * computeChanges(desired, live) → changes, the state after them and the access they give.
 * The only place that diffs and simulates: risk, safety, policy and impact consume its result.
 */
export function computeChanges(desired: DesiredState, live: LiveState, options: ComputeOptions = {}): ComputedChanges {
  const diffOptions: DiffOptions = {
    prune: desired.config.prune,
    ...(options.instanceName === undefined ? {} : { instanceName: options.instanceName }),
    ...(options.reconciler === undefined ? {} : { reconciler: options.reconciler.toLowerCase() }),
  };
  const drift = options.base === undefined ? new Set<string>() : new Set(diff(options.base, live, diffOptions).map(changeSignature));
  const raw = diff(desired, live, diffOptions).map((c): Change => (c.origin === 'declared' && drift.has(changeSignature(c)) ? { ...c, origin: 'drift' } : c));
  const changes = orderChanges(raw);
  const isPrivileged = privilegedRoles(desired, live);
  const after = simulate(live, changes);
  return { live, changes, after, access: accessChanges(live, after, isPrivileged), isPrivileged };
}
