import { ANY, USER_ADMIN } from './access.js';
import type { RecordKind } from './kind.js';
import { inQueries } from './query.js';
import { booleanOf, recordOf, referenceOf, stringOf } from './row-fields.js';
import { buildGroup } from './group-declaration.js';

/** Group ↔ sys_user_group, keyed by name. Only declared or referenced groups are read. */
const TABLE = 'sys_user_group';

export const GROUP: RecordKind<'Group'> = {
  shape: 'record',
  name: 'Group',
  human: 'group',
  table: TABLE,
  keyField: 'name',
  fields: [
    { name: 'description', type: 'string' },
    { name: 'manager', type: 'reference', references: 'user' },
    { name: 'email', type: 'string' },
    { name: 'active', type: 'boolean' },
  ],
  readFields: ['name', 'description', 'manager.user_name', 'email', 'active', 'parent.name'],
  live: (row) =>
    recordOf(TABLE, row, 'name', {
      name: stringOf(row['name']),
      description: stringOf(row['description']),
      manager: referenceOf(row['manager.user_name']),
      email: stringOf(row['email']),
      active: booleanOf(row['active']),
    }),
  phase: 2,
  write: 'create',
  requirements: [
    { operation: 'read', purpose: 'groups', roles: ANY },
    { operation: 'create', purpose: 'create groups', roles: USER_ADMIN, neededBy: (d) => d.records.Group.length > 0 },
    { operation: 'write', purpose: 'update groups', roles: USER_ADMIN, neededBy: (d) => d.records.Group.length > 0 },
  ],
  hiddenRows: 'unknown',
  select: (selection) => inQueries('name', selection.groups),
  declaration: { schema: 'group.schema.json', keyField: 'name', build: (source) => [buildGroup(source)] },
  declared: (desired) => desired.records.Group.map((g) => ({ key: g.key, name: g.name ?? g.key, at: g.at, fields: g.fields })),
};
