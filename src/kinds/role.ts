import type { LiveLink, LiveRecord } from '../model/live.js';
import { booleanOf, linkOf, recordOf, referenceOf, stringOf } from './row-fields.js';
import type { Row } from './table-reader.js';

/**
 * Role ↔ sys_user_role, containment ↔ sys_user_role_contains. Every role is read (a few pages
 * at most) so that references can be checked and effective access computed; only custom roles
 * that are declared are ever written.
 */
export const ROLE_TABLE = 'sys_user_role';
export const ROLE_CONTAINS_TABLE = 'sys_user_role_contains';

export const ROLE_READ_FIELDS = ['name', 'description', 'elevated_privilege', 'assignable_by.name'] as const;
export const ROLE_CONTAINS_READ_FIELDS = ['role.name', 'contains.name'] as const;

export function liveRole(row: Row): LiveRecord {
  return recordOf(ROLE_TABLE, row, 'name', {
    name: stringOf(row['name']),
    description: stringOf(row['description']),
    elevated_privilege: booleanOf(row['elevated_privilege']),
    assignable_by: referenceOf(row['assignable_by.name']),
  });
}

export function liveRoleContains(row: Row): LiveLink {
  return linkOf(ROLE_CONTAINS_TABLE, row, 'role.name', 'contains.name');
}
