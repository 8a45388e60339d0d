import { ANY, USER_ADMIN } from './access.js';
import type { OwnedField, RecordKind } from './kind.js';
import { inQueries } from './query.js';
import { ownedValues, readColumns, recordOf, stringOf } from './row-fields.js';
import { GROUP_OUTLINE, buildGroup } from './group-declaration.js';

/** Group ↔ sys_user_group, keyed by name. Only declared or referenced groups are read. */
const TABLE = 'sys_user_group';

const FIELDS = [
  { name: 'description', type: 'string' },
  { name: 'manager', type: 'reference', references: 'user' },
  { name: 'email', type: 'string' },
  { name: 'active', type: 'boolean' },
] as const satisfies readonly OwnedField[];
export type GroupField = (typeof FIELDS)[number]['name'];

export const GROUP: RecordKind<'Group'> = {
  shape: 'record',
  name: 'Group',
  human: 'group',
  table: TABLE,
  keyField: 'name',
  fields: FIELDS,
  // The parent group, for Role Management V2 inheritance (group-lineage.ts).
  readFields: readColumns('name', FIELDS, ['parent.name']),
  live: (row) => recordOf(TABLE, row, 'name', { name: stringOf(row['name']), ...ownedValues(FIELDS, row) }),
  phase: 2,
  write: 'create',
  requirements: [
    { operation: 'read', purpose: 'groups', roles: ANY },
    { operation: 'create', purpose: 'create groups', roles: USER_ADMIN, neededBy: (d) => d.records.Group.length > 0 },
    { operation: 'write', purpose: 'update groups', roles: USER_ADMIN, neededBy: (d) => d.records.Group.length > 0 },
  ],
  hiddenRows: 'unknown',
  select: (selection) => inQueries('name', selection.groups),
  declaration: { schema: 'group.schema.json', outline: GROUP_OUTLINE, keyField: 'name', build: (source) => [buildGroup(source)] },
  declared: (desired) => desired.records.Group.map((g) => ({ key: g.key, name: g.name ?? g.key, at: g.at, fields: g.fields })),
};
