import { USER_ADMIN, ADMIN } from './access.js';
import type { LinkKind } from './kind.js';

/** RoleContains ↔ sys_user_role_contains: role (name) → contained role (name). Read whole. */
export const ROLE_CONTAINS: LinkKind<'RoleContains'> = {
  shape: 'link',
  name: 'RoleContains',
  human: 'contained role',
  table: 'sys_user_role_contains',
  from: { field: 'role', read: 'role.name', kind: 'Role' },
  to: { field: 'contains', read: 'contains.name', kind: 'Role' },
  grantPhase: 1,
  revokePhase: 9,
  requirements: [
    { operation: 'read', purpose: 'role containment', roles: USER_ADMIN },
    { operation: 'create', purpose: 'make roles contain roles', roles: ADMIN, setUp: true, neededBy: (d) => d.records.Role.some((r) => r.contains !== undefined) },
    { operation: 'delete', purpose: 'remove contained roles', roles: ADMIN, setUp: true, neededBy: (d) => d.records.Role.some((r) => r.contains !== undefined) },
  ],
  hiddenRows: 'tolerated',
  select: () => [''],
  declared: (desired) => desired.records.Role.map((r) => ({ from: r.key, to: r.contains, at: r.at })),
};
