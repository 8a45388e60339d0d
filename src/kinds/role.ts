import { ANY, ADMIN } from './access.js';
import type { OwnedField, RecordKind } from './kind.js';
import { ownedValues, readColumns, recordOf, stringOf } from './row-fields.js';
import { ROLE_OUTLINE, buildRole } from './role-declaration.js';

/**
 * Role ↔ sys_user_role. Every role is read (a few pages at most) so that references can be
 * checked and effective access computed; only custom roles that are declared are ever written.
 */
const TABLE = 'sys_user_role';

const FIELDS = [
  { name: 'description', type: 'string' },
  { name: 'elevated_privilege', type: 'boolean' },
  { name: 'assignable_by', type: 'reference', references: 'Role' },
] as const satisfies readonly OwnedField[];
export type RoleField = (typeof FIELDS)[number]['name'];

export const ROLE: RecordKind<'Role'> = {
  shape: 'record',
  name: 'Role',
  human: 'role',
  table: TABLE,
  keyField: 'name',
  fields: FIELDS,
  readFields: readColumns('name', FIELDS),
  live: (row) => recordOf(TABLE, row, 'name', { name: stringOf(row['name']), ...ownedValues(FIELDS, row) }),
  phase: 0,
  write: 'create',
  requirements: [
    { operation: 'read', purpose: 'roles', roles: ANY },
    { operation: 'create', purpose: 'create custom roles', roles: ADMIN, setUp: true, neededBy: (d) => d.records.Role.length > 0 },
    { operation: 'write', purpose: 'update custom roles', roles: ADMIN, setUp: true, neededBy: (d) => d.records.Role.length > 0 },
  ],
  hiddenRows: 'tolerated',
  select: () => [''],
  declaration: { schema: 'role.schema.json', outline: ROLE_OUTLINE, keyField: 'name', build: (source) => [buildRole(source)] },
  declared: (desired) => desired.records.Role.map((r) => ({ key: r.key, name: r.name ?? r.key, at: r.at, fields: r.fields })),
};
