import type { LinkKind } from './kind.js';

/** GroupRole ↔ sys_group_has_role: group (name) → role (name). Read whole: a small table. */
export const GROUP_ROLE: LinkKind<'GroupRole'> = {
  shape: 'link',
  name: 'GroupRole',
  human: 'group role',
  table: 'sys_group_has_role',
  from: { field: 'group', read: 'group.name', kind: 'Group' },
  to: { field: 'role', read: 'role.name', kind: 'Role' },
  grantPhase: 3,
  revokePhase: 8,
  access: { read: ['user_admin'], write: ['user_admin'] },
  select: () => [''],
  declared: (desired) => desired.groups.map((g) => ({ from: g.key, to: g.roles, at: g.at })),
};
