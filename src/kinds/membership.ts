import type { LiveLink } from '../model/live.js';
import { linkOf } from './row-fields.js';
import type { Row } from './table-reader.js';

/** Membership ↔ sys_user_grmember: account (user_name) → group (name). */
export const MEMBERSHIP_TABLE = 'sys_user_grmember';
export const MEMBERSHIP_READ_FIELDS = ['user.user_name', 'group.name'] as const;

export function liveMembership(row: Row): LiveLink {
  return linkOf(MEMBERSHIP_TABLE, row, 'user.user_name', 'group.name');
}
