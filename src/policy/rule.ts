import type { SourceRef } from '../diagnostics.js';
import type { Severity } from '../model/config.js';
import type { DesiredServiceAccount, DesiredState } from '../kinds/desired.js';
import type { LiveState } from '../kinds/live.js';
import type { Dependents } from '../impact/dependents.js';

/**
 * What a policy rule sees: the declarations, the instance as read, and the instance as the plan
 * would leave it. Rules are pure functions of it; the date is injected, never read from a clock.
 */
export interface PolicyContext {
  readonly desired: DesiredState;
  readonly live: LiveState;
  /** The live state after the plan's changes (simulated in memory). */
  readonly after: LiveState;
  /** Declared accounts that exist on this instance. */
  readonly accounts: readonly DesiredServiceAccount[];
  /** YYYY-MM-DD. */
  readonly today: string;
  /** What runs as the accounts: scheduled jobs, Basic auth profiles, OAuth clients. */
  readonly dependents: Dependents;
  /** The instance's host name, for messages. */
  readonly instance: string;
  /** Roles an account holds before the plan: direct, through groups, and contained. */
  readonly rolesBefore: (account: string) => ReadonlySet<string>;
  /** Roles an account would hold after the plan. */
  readonly rolesAfter: (account: string) => ReadonlySet<string>;
}

/** One breach of a rule. The rule's id and configured severity turn it into a Finding. */
export interface Violation {
  /** The account concerned: what `exceptions` in snac.yaml name. */
  readonly account: string;
  readonly summary: string;
  readonly fix: string;
  /** The declaration to point at (file:line). */
  readonly at?: SourceRef;
  /** The record concerned when it is not the account itself (a group whose manager is unfit). */
  readonly record?: { readonly kind: string; readonly key: string };
}

export interface PolicyRule {
  /** Kebab-case, as snac.yaml's policy.rules names it. */
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the rule asks for (docs/policy.md says why). */
  readonly title: string;
  /**
   * Decidable from the declarations alone, so `snac validate` runs it too: it reads nothing of
   * the instance but what the declarations themselves would create or grant.
   */
  readonly offline?: true;
  check(context: PolicyContext): Violation[];
}
