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
  access: { read: ['user_admin'], write: ['user_admin'] },
  select: (selection) => selection.accounts('user.user_name'),
  declared: (desired, instanceName) => accountsOn(desired, instanceName).map((a) => ({ from: a.key, to: a.groups, at: a.at })),
};
