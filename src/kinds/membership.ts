import { ANY, USER_ADMIN } from './access.js';
import type { LinkKind } from './kind.js';
import { accountsOn } from './service-account.js';

/** Membership ↔ sys_user_grmember: account (user_name) → group (name). */
export const MEMBERSHIP: LinkKind<'Membership'> = {
  shape: 'link',
  name: 'Membership',
  human: 'membership',
  table: 'sys_user_grmember',
  from: { field: 'user', read: 'user.user_name', kind: 'ServiceAccount' },
  to: { field: 'group', read: 'group.name', kind: 'Group' },
  grantPhase: 5,
  revokePhase: 7,
  requirements: [
    { operation: 'read', purpose: 'group memberships', roles: ANY },
    { operation: 'create', purpose: 'add accounts to groups', roles: USER_ADMIN, neededBy: (d) => d.records.ServiceAccount.some((a) => a.groups !== undefined) },
    { operation: 'delete', purpose: 'remove accounts from groups', roles: USER_ADMIN, neededBy: (d) => d.records.ServiceAccount.some((a) => a.groups !== undefined) },
  ],
  select: (selection) => selection.accounts('user.user_name'),
  declared: (desired, instanceName) => accountsOn(desired, instanceName).map((a) => ({ from: a.key, to: a.groups, at: a.at })),
};
