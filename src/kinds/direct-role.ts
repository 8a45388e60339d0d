import { USER_ADMIN } from './access.js';
import type { LinkKind } from './kind.js';
import type { LiveInheritedRole } from './live.js';
import { booleanOf, keyOf, type Intern } from './row-fields.js';
import { accountsOn } from './service-account.js';
import type { Row } from './table-reader.js';

/**
 * DirectRole ↔ sys_user_has_role with inherited=false. Inherited rows (through groups and role
 * containment) are read in the same query, kept apart, and never written: the instance
 * derives them and refuses their deletion.
 */
export const DIRECT_ROLE: LinkKind<'DirectRole'> = {
  shape: 'link',
  name: 'DirectRole',
  human: 'role grant',
  table: 'sys_user_has_role',
  from: { field: 'user', read: 'user.user_name', kind: 'ServiceAccount' },
  to: { field: 'role', read: 'role.name', kind: 'Role' },
  extraReadFields: ['inherited', 'granted_by.name'],
  ownedOnly: 'inherited=false',
  owns: (row) => !booleanOf(row['inherited']),
  leavesPlatformRoles: true,
  grantPhase: 5,
  revokePhase: 7,
  requirements: [
    { operation: 'read', purpose: 'role grants, without which every account looks roleless', roles: USER_ADMIN },
    { operation: 'create', purpose: 'grant direct roles', roles: USER_ADMIN, neededBy: (d) => d.records.ServiceAccount.some((a) => a.roles !== undefined) },
    { operation: 'delete', purpose: 'revoke direct roles', roles: USER_ADMIN, neededBy: (d) => d.records.ServiceAccount.some((a) => a.roles !== undefined) },
  ],
  select: (selection) => selection.accounts('user.user_name'),
  declared: (desired, instanceName) => accountsOn(desired, instanceName).map((a) => ({ from: a.key, to: a.roles, at: a.at })),
};

/** An inherited row, explained but never written. */
export function inheritedRole(row: Row, intern: Intern = (text) => text): LiveInheritedRole {
  const grantedBy = intern(keyOf(row['granted_by.name']));
  return { user: intern(keyOf(row['user.user_name'])), role: intern(keyOf(row['role.name'])), ...(grantedBy === '' ? {} : { grantedBy }) };
}

/** The query for every active account holding admin, in or out of scope (the min-admins rail). */
export const ACTIVE_ADMINS_QUERY = { table: 'sys_user_has_role', query: 'role.name=admin^user.active=true', field: 'user.user_name' } as const;
