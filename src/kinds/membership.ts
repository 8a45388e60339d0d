import type { LiveLink } from '../model/live.js';
import { keyOf, versionOf } from './row-fields.js';
import type { Row } from './table-reader.js';

/** Membership ↔ sys_user_grmember: account (user_name) → group (name). */
export const MEMBERSHIP_TABLE = 'sys_user_grmember';
export const MEMBERSHIP_READ_FIELDS = ['user.user_name', 'group.name'] as const;

export function liveMembership(row: Row): LiveLink {
  return { from: keyOf(row['user.user_name']), to: keyOf(row['group.name']), sysId: row['sys_id'] ?? '', version: versionOf(MEMBERSHIP_TABLE, row) };
}
