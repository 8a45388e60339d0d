import type { OwnedField, RecordKind } from './kind.js';
import type { LiveLink, LiveRecord, RowVersion } from '../kinds/live.js';
import type { Scalar } from '../model/scalar.js';
import type { Row } from './table-reader.js';
import { naturalKey, type NaturalKey } from '../model/keys.js';

/** System fields read with every row, for the plan's live fingerprint and for audit trails. */
export const VERSION_FIELDS = ['sys_id', 'sys_mod_count', 'sys_updated_on', 'sys_updated_by', 'sys_created_on'] as const;

/** Gives one copy of each text it is handed: names that repeat row after row are kept once. */
export type Intern = <T extends string>(text: T) => T;

const asIs: Intern = (text) => text;

/**
 * An Intern for one read. A link table names each account and role on row after row, and the
 * parser makes a new string of each: at 450,000 rows, about 50 MB of copies of a few thousand names.
 */
export function namePool(): Intern {
  const pool = new Map<string, string>();
  return <T extends string>(text: T): T => {
    // The same characters as `text`, so the same (branded) type.
    const known = pool.get(text) as T | undefined;
    if (known !== undefined) return known;
    pool.set(text, text);
    return text;
  };
}

export function versionOf(table: string, row: Row, intern: Intern = asIs): RowVersion {
  return {
    table,
    sysId: row['sys_id'] ?? '',
    modCount: Number(row['sys_mod_count'] ?? '0') || 0,
    updatedOn: row['sys_updated_on'] ?? '',
    createdOn: row['sys_created_on'] ?? '',
    updatedBy: intern(row['sys_updated_by'] ?? ''),
  };
}

/** Natural keys compare case-insensitively, as ServiceNow's own `=` and IN do. */
export function keyOf(value: string | undefined): NaturalKey {
  return naturalKey(value ?? '');
}

/** ServiceNow stores booleans as 'true' / 'false'; an empty value is false, as on a form. */
export function booleanOf(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

/** A reference, read through its natural key (`manager.user_name`): null when empty. */
export function referenceOf(value: string | undefined): NaturalKey | null {
  const key = keyOf(value);
  return key === '' ? null : key;
}

/** An integer field: a number, or null when empty or not a number. */
export function numberOf(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** A string field: kept as ServiceNow stores it, '' when empty. */
export function stringOf(value: string | undefined): Scalar {
  return value ?? '';
}

/** A relation row as a link between the natural keys found in two dot-walked fields. */
export function linkOf(table: string, row: Row, from: string, to: string, intern: Intern = asIs): LiveLink {
  const name = intern((row[to] ?? '').trim());
  const key = intern(keyOf(name));
  return { from: intern(keyOf(row[from])), to: key, ...(name !== key ? { toName: name } : {}), sysId: row['sys_id'] ?? '', version: versionOf(table, row, intern) };
}

/**
 * The record with the owned fields its row did not carry listed as unknown: a field-level ACL
 * left them out, or the instance has no such column. A reference is read by its dot-walk.
 */
export function withUnknownFields(kind: RecordKind, row: Row, record: LiveRecord): LiveRecord {
  const unknown = kind.fields.filter((field) => kind.readFields.includes(columnOf(field)) && !(columnOf(field) in row)).map((f) => f.name);
  return unknown.length === 0 ? record : { ...record, unknown };
}

/** A record keyed by the natural key in `keyField`, with its owned fields already normalised. */
export function recordOf(table: string, row: Row, keyField: string, fields: Readonly<Record<string, Scalar>>): LiveRecord {
  return { key: keyOf(row[keyField]), sysId: row['sys_id'] ?? '', fields, version: versionOf(table, row) };
}

/**
 * The column that holds each referenced kind's natural key, for dot-walks (`manager.user_name`).
 * A reference to 'user' names an account or a person. The registry test holds it to each kind's keyField.
 */
export const REFERENCE_KEY_FIELDS: Readonly<Record<NonNullable<OwnedField['references']>, string>> = {
  user: 'user_name',
  ServiceAccount: 'user_name',
  Group: 'name',
  Role: 'name',
  SecuritySettings: 'name',
  OAuthClient: 'name',
};

/** The column an owned field is read from: a reference through its target's natural key. */
export function columnOf(field: OwnedField): string {
  return field.type === 'reference' && field.references !== undefined ? `${field.name}.${REFERENCE_KEY_FIELDS[field.references]}` : field.name;
}

/** The columns a record kind reads: its key, its owned fields, then what else its checks need. */
export function readColumns(keyField: string, fields: readonly OwnedField[], extra: readonly string[] = []): string[] {
  return [keyField, ...fields.map(columnOf), ...extra];
}

/** A row's owned fields, normalised by type: booleans, numbers, references as natural keys. */
export function ownedValues(fields: readonly OwnedField[], row: Row): Record<string, Scalar> {
  const values: Record<string, Scalar> = {};
  for (const field of fields) {
    const raw = row[columnOf(field)];
    values[field.name] = field.type === 'boolean' ? booleanOf(raw) : field.type === 'number' ? numberOf(raw) : field.type === 'reference' ? referenceOf(raw) : stringOf(raw);
  }
  return values;
}
