import { USER_ADMIN } from './access.js';
import type { LinkKind } from './kind.js';
import { inQueries } from './query.js';

/**
 * GroupRole ↔ sys_group_has_role: group (name) → role (name). Read for the declared groups
 * (read-live.ts adds the other groups the accounts are members of), never whole: the table
 * grows with every team of the people on the instance.
 */
export const GROUP_ROLE: LinkKind<'GroupRole'> = {
  shape: 'link',
  name: 'GroupRole',
  human: 'group role',
  table: 'sys_group_has_role',
  from: { field: 'group', read: 'group.name', kind: 'Group' },
  to: { field: 'role', read: 'role.name', kind: 'Role' },
  grantPhase: 3,
  revokePhase: 8,
  requirements: [
    { operation: 'read', purpose: 'the roles groups grant', roles: USER_ADMIN },
    { operation: 'create', purpose: 'grant roles to groups', roles: USER_ADMIN, neededBy: (d) => d.records.Group.some((g) => g.roles !== undefined) },
    { operation: 'delete', purpose: 'revoke roles from groups', roles: USER_ADMIN, neededBy: (d) => d.records.Group.some((g) => g.roles !== undefined) },
  ],
  hiddenRows: 'tolerated',
  select: (selection) => inQueries('group.name', selection.groups),
  declared: (desired) => desired.records.Group.map((g) => ({ from: g.key, to: g.roles, at: g.at })),
};
