import type { LiveLink, LiveRecord } from '../model/live.js';
import { booleanOf, linkOf, recordOf, referenceOf, stringOf } from './row-fields.js';
import type { Row } from './table-reader.js';

/** Group ↔ sys_user_group, its role grants ↔ sys_group_has_role. Keyed by name. */
export const GROUP_TABLE = 'sys_user_group';
export const GROUP_ROLE_TABLE = 'sys_group_has_role';

export const GROUP_READ_FIELDS = ['name', 'description', 'manager.user_name', 'email', 'active'] as const;
export const GROUP_ROLE_READ_FIELDS = ['group.name', 'role.name'] as const;

export function liveGroup(row: Row): LiveRecord {
  return recordOf(GROUP_TABLE, row, 'name', {
    name: stringOf(row['name']),
    description: stringOf(row['description']),
    manager: referenceOf(row['manager.user_name']),
    email: stringOf(row['email']),
    active: booleanOf(row['active']),
  });
}

export function liveGroupRole(row: Row): LiveLink {
  return linkOf(GROUP_ROLE_TABLE, row, 'group.name', 'role.name');
}
