import type { LiveInheritedRole, LiveLink } from '../model/live.js';
import { booleanOf, keyOf, versionOf } from './row-fields.js';
import type { Row } from './table-reader.js';

/**
 * DirectRole ↔ sys_user_has_role with inherited=false. Inherited rows (through groups and role
 * containment) are read in the same query, kept apart, and never written: the instance
 * derives them and refuses their deletion.
 */
export const USER_ROLE_TABLE = 'sys_user_has_role';
export const USER_ROLE_READ_FIELDS = ['user.user_name', 'role.name', 'inherited', 'granted_by.name'] as const;

export type UserRoleRow = { readonly direct: LiveLink } | { readonly inherited: LiveInheritedRole };

export function liveUserRole(row: Row): UserRoleRow {
  const user = keyOf(row['user.user_name']);
  const role = keyOf(row['role.name']);
  if (!booleanOf(row['inherited'])) {
    return { direct: { from: user, to: role, sysId: row['sys_id'] ?? '', version: versionOf(USER_ROLE_TABLE, row) } };
  }
  const grantedBy = keyOf(row['granted_by.name']);
  return { inherited: { user, role, ...(grantedBy === '' ? {} : { grantedBy }) } };
}
