import type { SourceRef } from '../../diagnostics.js';
import type { LiveState } from '../../kinds/live.js';
import type { SafetyConfig } from '../../model/config.js';
import type { AccessChange, Change } from '../change.js';

/** The account that applies the plan, and the roles it holds when it was read (it is in scope). */
export interface Granter {
  readonly name: string;
  readonly roles?: ReadonlySet<string>;
}

/**
 * What a safety rail sees: the instance as read, the plan's changes and the access they give,
 * and the instance as the plan would leave it. Rails are pure functions of it.
 */
export interface SafetyContext {
  readonly live: LiveState;
  /** The live state after the plan's changes (simulated in memory). */
  readonly after: LiveState;
  /** In apply order. */
  readonly changes: readonly Change[];
  readonly access: readonly AccessChange[];
  readonly safety: SafetyConfig;
  /** snac's own accounts (lower case): the reconciler snac.yaml names and the account signed in. */
  readonly protectedAccounts?: readonly string[];
  /** The account that applies; unknown when nobody is named or signed in. */
  readonly granter?: Granter;
  /** Finding codes the user explicitly allowed (--allow): shown, but not blocking. */
  readonly allow: ReadonlySet<string>;
}

/** One thing a rail found. The rail's code and the user's --allow turn it into a Finding. */
export interface Breach {
  readonly summary: string;
  readonly fix: string;
  /** The declaration to point at (file:line). */
  readonly at?: SourceRef;
  readonly record?: { readonly kind: string; readonly key: string };
  /** The change it is about: rails listed change by change are ordered by it. */
  readonly change?: Change;
  /** The rail cannot tell whether the plan would really fail: a warning, whatever --allow says. */
  readonly unsure?: true;
}

interface RailBase {
  /** Kebab-case: the finding's code, and what --allow names. */
  readonly code: string;
  /** One line: what it blocks (the README's table of safety rails says it). */
  readonly description: string;
  check(context: SafetyContext): Breach[];
}

/**
 * A safety rail: a check that blocks the plan (and its apply) before anything is written. Most
 * can be lifted by `--allow <code>` (then shown as a warning); those that cannot say why.
 */
export type SafetyRail = RailBase & (
  | { readonly allowable: true }
  | {
    readonly allowable: false;
    /** Why --allow cannot lift it, and what to do instead: the --allow usage error and the README say it. */
    readonly unallowable: string;
  }
);

/** The declaration a change comes from, as a Breach's `at` (prunes have none). */
export const declaredAt = (change: Change): { at?: SourceRef } => (change.at === undefined ? {} : { at: change.at });
