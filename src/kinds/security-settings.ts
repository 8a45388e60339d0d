import type { LiveRecord } from '../model/live.js';
import { recordOf, stringOf } from './row-fields.js';
import type { Row } from './table-reader.js';

/**
 * SecuritySettings ↔ sys_properties, keyed by property name. A property with no row is absent
 * from the live state: the instance then uses the code's fallback, which is not the same as a
 * stored value (glide.basicauth.required.api has no row on a new instance).
 */
export const PROPERTY_TABLE = 'sys_properties';
export const PROPERTY_READ_FIELDS = ['name', 'value', 'type', 'write_roles'] as const;

export function liveProperty(row: Row): LiveRecord {
  return recordOf(PROPERTY_TABLE, row, 'name', { value: stringOf(row['value']), type: stringOf(row['type']), write_roles: stringOf(row['write_roles']) });
}
