import type { Diagnostic, SourceRef } from '../diagnostics.js';
import type { KindName } from '../kinds/names.js';
import type { NaturalKey } from '../model/keys.js';
import type { Scalar } from '../model/scalar.js';

export type { KindName } from '../kinds/names.js';

/**
 * What a plan is made of. Data only: no closures, no sys_ids (the applier resolves records by
 * natural key when it writes), so the same plan can be reviewed, hashed, stored and applied.
 */

export type Action = 'create' | 'update' | 'deactivate' | 'delete' | 'grant' | 'revoke' | 'set';

/** Why a change is in the plan. */
export type Origin =
  /** the declarations ask for something the instance does not have yet (the usual case). */
  | 'declared'
  /** the instance was changed by hand; the plan puts it back as declared. */
  | 'drift'
  /** an account in scope is no longer declared. */
  | 'prune'
  /** the instance holds one link in several rows (two applies at once, or a hand-made copy): the extras go. */
  | 'duplicate';

export interface FieldChange {
  readonly field: string;
  /** null when absent (create, or a property with no row). */
  readonly before: Scalar;
  readonly after: Scalar;
}

export interface Change {
  readonly kind: KindName;
  /** Natural key: user_name, group name, role name, property name, or "from → to" for links. */
  readonly key: string;
  /** The key as people write it (a group's declared name), when it differs from the key. */
  readonly label?: string;
  readonly action: Action;
  /** For links (grants, memberships, containment): the two natural keys. */
  readonly link?: { readonly from: NaturalKey; readonly to: NaturalKey };
  /**
   * For the removal of a link row the instance holds more than once: which row by age (2 = the
   * second oldest). The oldest row is the link and is never one of these.
   */
  readonly duplicate?: number;
  readonly fields: readonly FieldChange[];
  readonly origin: Origin;
  readonly risk: 'normal' | 'high';
  /** Why the change is high-risk: one typed reason each (gates decide from codes, people read summaries). */
  readonly risks: readonly Risk[];
  /** The declaration it comes from; absent for prunes. Not part of the plan hash. */
  readonly at?: SourceRef;
}

/**
 * Why a change is high-risk, as data. The codes are pinned in schemas/plan.schema.json; every
 * decision (check-privileged) reads the code, never the summary, which is for people.
 */
export const RISK_CODES = [
  /** grants a privileged role directly, to a group, or by containment (roles: the role). */
  'privileged-grant',
  /** a membership gives an account privileged roles through its group (roles: those roles). */
  'privileged-membership',
  /** changes the roles of the members a group has now. */
  'group-members',
  /** deactivates a record: a prune, or a declared `active: false`. */
  'deactivates',
  /** locks an account out (a declared `locked_out: true`): nothing can log in as it. */
  'locks-out',
  'deletes',
  /** makes a service account interactive: it can log in to the UI. */
  'interactive',
  /** changes a High Security Setting. */
  'security-setting',
  /** cuts off an account that scheduled jobs or auth profiles depend on. */
  'breaks-dependents',
] as const;

export type RiskCode = (typeof RISK_CODES)[number];

export interface Risk {
  readonly code: RiskCode;
  /** One line for reviewers. */
  readonly summary: string;
  /** The privileged roles concerned, for privileged-grant and privileged-membership. */
  readonly roles?: readonly string[];
  /** The reason the account's declaration gives for holding privileged roles, shown next to the grant. */
  readonly justification?: string;
}

/** The codes that need the designated team's approval before an apply. */
export const PRIVILEGED_RISKS: ReadonlySet<RiskCode> = new Set<RiskCode>(['privileged-grant', 'privileged-membership', 'security-setting']);

/** Roles an account gains and loses through this plan, directly, via groups or containment. */
export interface AccessChange {
  readonly account: string;
  readonly gained: readonly string[];
  readonly lost: readonly string[];
  readonly privilegedGained: readonly string[];
  readonly privilegedLost: readonly string[];
}

export interface Finding extends Diagnostic {
  /** Blocking findings make `snac plan` exit 1 and `snac apply` refuse. */
  readonly blocking: boolean;
}

export const ACTIONS: readonly Action[] = ['create', 'update', 'deactivate', 'delete', 'grant', 'revoke', 'set'];

export interface Plan {
  readonly formatVersion: 1;
  /** Host name of the instance planned against. */
  readonly instance: string;
  /** In apply order. */
  readonly changes: readonly Change[];
  readonly access: readonly AccessChange[];
  readonly findings: readonly Finding[];
  readonly counts: Readonly<Record<Action, number>>;
  /** sha256 over (table, sys_id, sys_mod_count) of every live row read. */
  readonly liveFingerprint: string;
  /** sha256 over the canonical JSON of the changes (without source positions). */
  readonly planHash: string;
}
