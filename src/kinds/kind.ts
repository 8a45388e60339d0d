import type { SourceRef } from '../diagnostics.js';
import type { Declaration } from './declaration.js';
import type { DesiredByKind, DesiredState } from './desired.js';
import type { DocumentByKind } from './documents.js';
import type { Declared, Scalar } from '../model/scalar.js';
import type { NaturalKey } from '../model/keys.js';
import type { LiveRecord } from './live.js';
import type { LinkKindName, RecordKindName } from './names.js';
import type { Row } from './table-reader.js';

/**
 * What snac knows about one kind of thing it manages, as data. The generic machinery (read,
 * diff, simulate, fingerprint, order, write, staleness, drift report) loops over the registry
 * of these descriptors; nothing outside src/kinds/ names a table.
 */

/**
 * A field a record kind owns: how it is typed, and which record a reference names. A kind lists
 * its owned fields once (`as const`): the declaration's field type, the columns read and the
 * live record all follow from that list.
 */
export interface OwnedField<Name extends string = string> {
  readonly name: Name;
  readonly type: 'string' | 'boolean' | 'number' | 'reference';
  /** For references: the kind whose natural key the field holds ('user': an account or a person). */
  readonly references?: RecordKindName | 'user';
}

export type Operation = 'read' | 'create' | 'write' | 'delete';

/**
 * One table operation snac performs, and the roles a new instance's table ACL lets through
 * ('*': any user; admin passes every one). The permission preflight and the set-up docs read
 * these, so a kind states what it needs where it is defined.
 */
export interface TableRequirement {
  readonly operation: Operation;
  readonly purpose: string;
  readonly roles: readonly string[];
  /** Opened to the reconciler role by the documented set-up's custom ACL. */
  readonly setUp?: true;
  /** Whether these declarations need it; absent means always. */
  readonly neededBy?: (desired: DesiredState) => boolean;
}

/** The queries that select the rows of a kind, given what the declarations and scope ask for. */
export interface ReadSelection {
  /** Queries matching the accounts in scope through `field` (user_name or a dot-walk to it). */
  accounts(field: string): readonly string[];
  readonly groups: readonly string[];
  readonly properties: readonly string[];
  /** The natural keys this kind's own declarations name (empty for link kinds). */
  readonly declared: readonly NaturalKey[];
}

/** A declared record, as the generic diff sees it. */
export interface DeclaredRecord {
  readonly key: NaturalKey;
  /** The name as people write it, used to create the record and to label changes. */
  readonly name: string;
  readonly at: SourceRef;
  readonly fields: Readonly<Partial<Record<string, Declared<Scalar>>>>;
}

/** A declared list of links from one record; `to` undefined = not managed for `from`. */
export interface DeclaredLinks {
  readonly from: NaturalKey;
  readonly to: readonly Declared<string>[] | undefined;
  readonly at: SourceRef;
}

interface KindBase {
  /** The kind in people's words: "service account", "membership". */
  readonly human: string;
  readonly table: string;
  /** What reading and writing the table takes, per operation. */
  readonly requirements: readonly TableRequirement[];
  /**
   * What rows hidden by read ACLs mean for a plan. Absent: fatal (the accounts and links in
   * scope: a plan from a partial read could prune or strip what it cannot see). 'tolerated':
   * reference data the plan can do without, said in its findings. 'unknown': the declared records
   * not read may be hidden, so they are reported as unknown and never planned.
   */
  readonly hiddenRows?: 'tolerated' | 'unknown';
  /** The queries that read this kind's rows ('' = the whole table). */
  select(selection: ReadSelection): readonly string[];
}

export interface RecordKind<N extends RecordKindName = RecordKindName> extends KindBase {
  readonly shape: 'record';
  readonly name: N;
  /** The column holding the natural key. */
  readonly keyField: string;
  /** Owned fields, compared and written. */
  readonly fields: readonly OwnedField[];
  /** Every column read for a record (dot-walks for references), owned or not. */
  readonly readFields: readonly string[];
  /** The record as snac keeps it: owned fields normalised, references as natural keys. */
  live(row: Row): LiveRecord;
  /** Apply phase of creates and updates: what others refer to comes first. */
  readonly phase: number;
  /**
   * 'set': the record is a value (a property): one action whether or not the row exists, and
   * its key is not a field of the change. 'create': a record created with its key field.
   */
  readonly write: 'set' | 'create';
  /** Values a new record gets from the instance when the create leaves them out. */
  readonly createDefaults?: Readonly<Record<string, Scalar>>;
  /** Extra values sent with a create, e.g. a property's type. */
  createExtras?(key: string): Readonly<Record<string, string>>;
  /**
   * What a person must do after snac creates such a record, because snac cannot or must not
   * (an OAuth client's secret is generated by the instance and never read): shown under the
   * create in plans and in the apply outcome.
   */
  readonly afterCreate?: string;
  /** How the kind is declared in YAML: its schema and its builder. */
  readonly declaration: Declaration<DesiredByKind[N], DocumentByKind[N]>;
  /**
   * System properties the checks on this kind's declarations need read even when nobody declares
   * them (the property that enables a grant). High Security properties are otherwise read only
   * when declared.
   */
  readsProperties?(desired: DesiredState): readonly string[];
  /** Only accounts have a scope rule; other records are selected by name. */
  readonly scoped?: true;
  /** The declared records of this kind on an instance (accounts may be limited to some). */
  declared(desired: DesiredState, instanceName: string | undefined): readonly DeclaredRecord[];
}

export interface LinkEnd {
  /** The reference column on the link table. */
  readonly field: string;
  /** The dot-walk that reads the referenced record's natural key. */
  readonly read: string;
  readonly kind: RecordKindName;
}

export interface LinkKind<N extends LinkKindName = LinkKindName> extends KindBase {
  readonly shape: 'link';
  readonly name: N;
  readonly from: LinkEnd;
  readonly to: LinkEnd;
  /** Columns read besides the two ends (what tells owned rows from others). */
  readonly extraReadFields?: readonly string[];
  /** An encoded-query term that only owned rows match (e.g. inherited=false), if not all are. */
  readonly ownedOnly?: string;
  /** Is this row one snac owns? Rows it does not own are read but never written. */
  owns?(row: Row): boolean;
  /**
   * Rows granting a role the platform manages itself (snac.yaml's platform_roles: snc_internal,
   * granted at every login) are never revoked unless the declaration names the role.
   */
  readonly leavesPlatformRoles?: true;
  /** Apply phases: grants after both ends exist, revocations before records are removed. */
  readonly grantPhase: number;
  readonly revokePhase: number;
  declared(desired: DesiredState, instanceName: string | undefined): readonly DeclaredLinks[];
}

export type Kind = RecordKind | LinkKind;
