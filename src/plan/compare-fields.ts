import type { OwnedField, RecordKind } from '../kinds/kind.js';
import { naturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';
import type { FieldChange } from './change.js';

/** A field's value as compared: references hold a natural key, compared case-insensitively. */
export function normaliseValue(field: OwnedField | undefined, value: Scalar | undefined): Scalar {
  if (value === undefined) return null;
  if (field?.type === 'reference') return typeof value === 'string' && value.trim() !== '' ? naturalKey(value) : null;
  return value;
}

/**
 * Field-level differences between what is declared and what is live. Fields that are not
 * declared are not managed and never appear (omitted means unmanaged); fields the live row did
 * not carry (`unknown`) are never compared, so never written.
 */
export function compareFields(
  kind: RecordKind,
  declared: Readonly<Partial<Record<string, Declared<Scalar>>>>,
  live: Readonly<Record<string, Scalar>> | undefined,
  unknown: readonly string[] = [],
): FieldChange[] {
  const owned = new Map(kind.fields.map((f) => [f.name, f]));
  const changes: FieldChange[] = [];
  for (const name of Object.keys(declared).sort()) {
    const want = declared[name];
    if (want === undefined || (live !== undefined && unknown.includes(name))) continue;
    const field = owned.get(name);
    const after = normaliseValue(field, want.value);
    const before = live === undefined ? null : normaliseValue(field, live[name]);
    if (live === undefined || before !== after) changes.push({ field: name, before, after });
  }
  return changes;
}
