import type { NaturalKey } from '../model/keys.js';
import type { Scalar } from '../model/scalar.js';
import { LINK_KIND_NAMES, RECORD_KIND_NAMES, type LinkKindName, type RecordKindName } from './names.js';

/**
 * The live state: what the instance holds for the records in scope, in the same shape as the
 * desired state. References are resolved to natural keys (user_name, group name, role name);
 * sys_ids are kept for writes only and are never compared or rendered.
 */

/** Identity of one row read, for the plan's live fingerprint. */
export interface RowVersion {
  readonly table: string;
  readonly sysId: string;
  readonly modCount: number;
  readonly updatedOn: string;
  /** When the row was created ('' when unknown): the oldest of duplicate link rows is the one kept. */
  readonly createdOn: string;
  readonly updatedBy: string;
}

/** A record with a natural key (sys_user, sys_user_group, sys_user_role, sys_properties). */
export interface LiveRecord {
  readonly key: NaturalKey;
  readonly sysId: string;
  /** Owned fields only, normalised; references as natural keys ('' when empty). */
  readonly fields: Readonly<Record<string, Scalar>>;
  readonly version: RowVersion;
  /**
   * Owned fields the row did not carry: a field-level ACL hides them from the reader, or the
   * instance has no such field (identity_type before Xanadu). Never compared, never written.
   */
  readonly unknown?: readonly string[];
}

/** Rows of a table that read ACLs kept from the reader, and why the plan could go on without them. */
export interface HiddenRows {
  readonly table: string;
  readonly count: number;
  readonly why: string;
  /** They are grants of an elevated role (security_admin): only an elevated session sees them. */
  readonly elevatedGrants?: true;
}

/**
 * A relation row between two natural keys: sys_user_has_role (user → role),
 * sys_user_grmember (user → group), sys_group_has_role (group → role),
 * sys_user_role_contains (role → contained role).
 */
export interface LiveLink {
  readonly from: NaturalKey;
  readonly to: NaturalKey;
  /** `to` as the instance spells it (a group's name), when that differs from the key. */
  readonly toName?: string;
  readonly sysId: string;
  readonly version: RowVersion;
}

/** An inherited sys_user_has_role row: derived by the instance, explained but never written. */
export interface LiveInheritedRole {
  readonly user: NaturalKey;
  readonly role: NaturalKey;
  /** The group the role comes through, when the instance says so. */
  readonly grantedBy?: string;
}

export interface LiveState {
  /** Host name of the instance read. */
  readonly instance: string;
  /**
   * The records of each kind, sorted by key: in-scope and declared accounts, declared or
   * referenced groups, every role (so references can be checked), the declared properties.
   */
  readonly records: { readonly [K in RecordKindName]: readonly LiveRecord[] };
  /**
   * The link rows of each kind, sorted: direct grants and memberships of the accounts read,
   * every group's role grants and every containment (small tables, so effective access through
   * any group or role is known).
   */
  readonly links: { readonly [K in LinkKindName]: readonly LiveLink[] };
  /**
   * People referenced as owners (manager) by declarations or by the accounts read: whether
   * they are active, and their sys_ids for writing the reference.
   */
  readonly people: readonly LiveRecord[];
  readonly inheritedRoles: readonly LiveInheritedRole[];
  /** Every active user on the instance holding admin (directly or inherited), in or out of scope. */
  readonly activeAdmins: readonly NaturalKey[];
  /**
   * group → parent group for the groups read (Role Management V2: a child group inherits its
   * parent's roles). Ancestors' role grants are in links.GroupRole.
   */
  readonly groupParents?: Readonly<Record<string, string>>;
  /** Who read the instance, when known: the account findings about what it could not see name. */
  readonly readAs?: string;
  /** Rows hidden from the reader in tables the plan can do without, said in the plan's findings. */
  readonly hidden?: readonly HiddenRows[];
  /**
   * Declared records whose live state is unknown: rows of their table are hidden from the reader
   * (High Security properties carry read_roles=admin), so absent cannot be told from hidden.
   * They are reported, never planned.
   */
  readonly unreadable?: { readonly [K in RecordKindName]?: readonly NaturalKey[] };
}

/** An instance with nothing on it: what offline checks plan against. */
export function emptyLiveState(instance: string): LiveState {
  return {
    instance,
    records: Object.fromEntries(RECORD_KIND_NAMES.map((name) => [name, []])) as unknown as LiveState['records'],
    links: Object.fromEntries(LINK_KIND_NAMES.map((name) => [name, []])) as unknown as LiveState['links'],
    people: [],
    inheritedRoles: [],
    activeAdmins: [],
  };
}
