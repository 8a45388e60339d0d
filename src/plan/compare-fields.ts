import type { Declared, Scalar } from '../model/scalar.js';
import type { FieldChange } from './change.js';

/** Fields holding a natural key of another record: compared case-insensitively. */
const REFERENCE_FIELDS = new Set(['manager', 'assignable_by']);

export function normaliseValue(field: string, value: Scalar | undefined): Scalar {
  if (value === undefined) return null;
  if (REFERENCE_FIELDS.has(field)) return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : null;
  return value;
}

/**
 * Field-level differences between what is declared and what is live. Fields that are not
 * declared are not managed and never appear (omitted means unmanaged).
 */
export function compareFields(
  declared: Partial<Record<string, Declared<Scalar>>>,
  live: Readonly<Record<string, Scalar>> | undefined,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(declared).sort()) {
    const want = declared[field];
    if (want === undefined) continue;
    const after = normaliseValue(field, want.value);
    const before = live === undefined ? null : normaliseValue(field, live[field]);
    if (live === undefined || before !== after) changes.push({ field, before, after });
  }
  return changes;
}
