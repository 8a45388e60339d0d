import { ADMIN } from './access.js';
import { HIGH_SECURITY_SETTINGS } from '../model/high-security-settings.js';
import { inQueries } from './query.js';
import type { RecordKind } from './kind.js';
import { recordOf, stringOf } from './row-fields.js';
import { SECURITY_SETTINGS_OUTLINE, buildProperties } from './security-settings-declaration.js';

/**
 * SecuritySettings ↔ sys_properties, keyed by property name. A property with no row is absent
 * from the live state: the instance then uses the code's fallback, which is not the same as a
 * stored value (glide.basicauth.required.api has no row on a new instance).
 */
const TABLE = 'sys_properties';

export const SECURITY_SETTINGS: RecordKind<'SecuritySettings'> = {
  shape: 'record',
  name: 'SecuritySettings',
  human: 'security setting',
  table: TABLE,
  keyField: 'name',
  fields: [{ name: 'value', type: 'string' }],
  readFields: ['name', 'value', 'type', 'write_roles'],
  live: (row) => recordOf(TABLE, row, 'name', { value: stringOf(row['value']), type: stringOf(row['type']), write_roles: stringOf(row['write_roles']) }),
  phase: 6,
  write: 'set',
  createExtras: (key) => ({ name: key, type: HIGH_SECURITY_SETTINGS.find((s) => s.property === key)?.type ?? 'string' }),
  requirements: [
    { operation: 'read', purpose: 'High Security Settings and declared properties', roles: ADMIN, setUp: true },
    { operation: 'create', purpose: 'add declared system properties', roles: ADMIN, setUp: true, neededBy: (d) => d.records.SecuritySettings.length > 0 },
    { operation: 'write', purpose: 'set declared system properties', roles: ADMIN, setUp: true, neededBy: (d) => d.records.SecuritySettings.length > 0 },
  ],
  hiddenRows: 'unknown',
  select: (selection) => inQueries('name', selection.properties),
  declaration: { schema: 'security-settings.schema.json', outline: SECURITY_SETTINGS_OUTLINE, build: (source) => buildProperties(source) },
  declared: (desired) => desired.records.SecuritySettings.map((p) => ({ key: p.key, name: p.key, at: p.value.at, fields: { value: p.value } })),
};
