import type { LiveState } from '../kinds/live.js';
import type { DesiredState } from '../kinds/desired.js';
import { accessChanges } from './access.js';
import type { AccessChange, Change } from './change.js';
import { diff, type DiffOptions } from './diff.js';
import { orderChanges } from './order.js';
import { privilegedRoles } from './privileged.js';
import { changeSignature } from './signature.js';
import { simulate } from './simulate.js';
import { naturalKey } from '../model/keys.js';

export interface ComputeOptions {
  /** The instance's name in snac.yaml (accounts may be limited to some instances). */
  readonly instanceName?: string;
  /** snac's own user_name on this instance as snac.yaml names it: never pruned, never stripped. */
  readonly reconciler?: string;
  /**
   * The account the plan was read with (the Basic or password-grant user): protected like the
   * reconciler, whatever snac.yaml says, so snac never cuts off the account it runs as.
   */
  readonly signedInAs?: string;
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

/** snac's own accounts, lower case: the reconciler snac.yaml names and the account signed in. */
export function protectedAccounts(options: ComputeOptions): string[] {
  const named = [options.reconciler, options.signedInAs].filter((a): a is string => a !== undefined && a !== '');
  return [...new Set(named.map(naturalKey))].sort();
}

/**
 * computeChanges(desired, live) → changes, the state after them and the access they give.
 * The only place that diffs and simulates: risk, safety, policy and impact consume its result.
 */
export function computeChanges(desired: DesiredState, live: LiveState, options: ComputeOptions = {}): ComputedChanges {
  const diffOptions: DiffOptions = {
    prune: desired.config.prune,
    ...(options.instanceName === undefined ? {} : { instanceName: options.instanceName }),
    protectedAccounts: protectedAccounts(options),
  };
  const drift = options.base === undefined ? new Set<string>() : new Set(diff(options.base, live, diffOptions).map(changeSignature));
  const raw = diff(desired, live, diffOptions).map((c): Change => (c.origin === 'declared' && drift.has(changeSignature(c)) ? { ...c, origin: 'drift' } : c));
  const changes = orderChanges(raw);
  const isPrivileged = privilegedRoles(desired, live);
  const after = simulate(live, changes);
  return { live, changes, after, access: accessChanges(live, after, isPrivileged), isPrivileged };
}
