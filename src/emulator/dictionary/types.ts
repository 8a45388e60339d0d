/**
 * The emulator's data dictionary (sys_dictionary in a real instance): which tables exist, which
 * fields they have, their types, defaults and references. Field names and types follow a real
 * instance (../shared/SERVICENOW.md §6-§9) so that a record fetched without sysparm_fields carries
 * the full set of fields a real record does.
 */
export type FieldType =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'decimal'
  | 'glide_date_time'
  | 'glide_date'
  | 'reference'
  | 'choice'
  | 'sys_id'
  | 'glide_list'
  | 'password'
  | 'password2';

export interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
  /** Stored default for a new record; '' when absent. */
  readonly default?: string;
  /** For references: the target table. */
  readonly reference?: string;
  /** For choice fields: value -> label, used by sysparm_display_value. */
  readonly choices?: Readonly<Record<string, string>>;
  /** Set only by the platform (business rules); values sent by clients are ignored. */
  readonly readOnly?: boolean;
  /** Never returned by the Table API (one-way hashes, secrets). */
  readonly hidden?: boolean;
  readonly mandatory?: boolean;
}

export interface TableDef {
  readonly name: string;
  readonly label: string;
  /** Parent table in the hierarchy (sysauto_script extends sysauto). */
  readonly extends?: string;
  /** Field shown as a reference's display value. */
  readonly displayField: string;
  /** Own fields, in addition to the parent's and the system fields. */
  readonly fields: readonly FieldDef[];
  /** Updates write sys_audit rows. */
  readonly audited: boolean;
  /** Natural key used by the emulator's unique constraints (e.g. user_name). */
  readonly unique?: readonly string[];
}

export const string = (name: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type: 'string', ...extra });
export const boolean = (name: string, dflt: 'true' | 'false' = 'false', extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  type: 'boolean',
  default: dflt,
  ...extra,
});
export const integer = (name: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type: 'integer', ...extra });
export const dateTime = (name: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type: 'glide_date_time', ...extra });
export const date = (name: string): FieldDef => ({ name, type: 'glide_date' });
export const reference = (name: string, table: string, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  type: 'reference',
  reference: table,
  ...extra,
});
export const choice = (name: string, choices: Record<string, string>, dflt = ''): FieldDef => ({
  name,
  type: 'choice',
  choices,
  default: dflt,
});
