import { roleList } from './acl.js';
import type { Actor } from './actor.js';
import type { Emulator } from './emulator.js';
import { roleName } from './rules/role-graph.js';
import type { Row } from './store.js';

/** Tables whose rows name a role a caller may be unable to see (SERVICENOW.md §6.8). */
const ROLE_LINK_TABLES = new Set(['sys_user_has_role', 'sys_group_has_role']);

/**
 * Row-level read ACLs on top of the table-level check, as a least-privileged account meets them
 * on a real instance:
 * - a sys_properties row with read_roles is readable only by holders of one of them
 *   (exploring-high-security-settings: the High Security properties carry read_roles=admin);
 * - a role grant of an elevated role (security_admin) is readable only in a session elevated to
 *   it (c_ElevatedPrivilege: "To see this role, you must actually elevate to the security_admin
 *   role first").
 * Each is an instance setting (settings.ts).
 */
export function canReadRow(emulator: Emulator, actor: Actor, row: Row): boolean {
  if (actor.system) return true;
  const { settings } = emulator.instance;
  if (row.table === 'sys_properties' && settings.propertyReadRoles) {
    const readRoles = roleList(row.values['read_roles']);
    return !readRoles.length || emulator.acl.holdsAny(actor, readRoles);
  }
  if (ROLE_LINK_TABLES.has(row.table) && settings.hideElevatedRoleRows) {
    const role = roleName(emulator.instance, row.values['role'] ?? '');
    const elevated = emulator.elevatedRoles();
    return !elevated.has(role) || (actor.roles.has(role) && actor.elevated.has(role));
  }
  return true;
}
