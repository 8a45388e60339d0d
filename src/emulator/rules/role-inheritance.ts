import { SYSTEM } from '../actor.js';
import type { Instance } from '../instance.js';
import type { Row } from '../store.js';
import { containedRoles, groupDescendants, groupRoles, roleClosure } from './role-graph.js';
import type { BusinessRule, RuleEvent } from './rule.js';

interface Paths {
  count: number;
  grantedBy: string;
}

/**
 * The roles a user inherits, under Role Management V2: at most one inherited row per
 * (user, role), `inh_count` = the number of paths granting it. Paths are group roles (and the
 * roles they contain) through each membership, and roles contained in a direct grant.
 */
function inheritedPaths(instance: Instance, userId: string): Map<string, Paths> {
  const paths = new Map<string, Paths>();
  const add = (roleId: string, grantedBy: string) => {
    const entry = paths.get(roleId);
    if (entry) entry.count += 1;
    else paths.set(roleId, { count: 1, grantedBy });
  };
  for (const membership of instance.store.lookup('sys_user_grmember', 'user', userId)) {
    const groupId = membership.values['group'] ?? '';
    for (const roleId of groupRoles(instance, groupId)) {
      for (const id of roleClosure(instance, roleId)) add(id, groupId);
    }
  }
  for (const direct of instance.store.lookup('sys_user_has_role', 'user', userId)) {
    if (direct.values['inherited'] === 'true') continue;
    for (const contained of containedRoles(instance, direct.values['role'] ?? '')) {
      for (const id of roleClosure(instance, contained)) add(id, '');
    }
  }
  return paths;
}

/** Bring a user's inherited sys_user_has_role rows in line with their groups and roles. */
export function recomputeInheritedRoles(instance: Instance, userId: string): void {
  if (!userId || !instance.get('sys_user', userId)) return;
  const wanted = inheritedPaths(instance, userId);
  const existing = new Map<string, Row>();
  for (const row of instance.store.lookup('sys_user_has_role', 'user', userId)) {
    if (row.values['inherited'] !== 'true') continue;
    const roleId = row.values['role'] ?? '';
    if (existing.has(roleId) || !wanted.has(roleId)) instance.delete('sys_user_has_role', row.values['sys_id'] ?? '');
    else existing.set(roleId, row);
  }
  for (const [roleId, path] of wanted) {
    const row = existing.get(roleId);
    if (!row) {
      instance.insert(
        'sys_user_has_role',
        { user: userId, role: roleId, inherited: 'true', inh_count: String(path.count), granted_by: path.grantedBy, state: 'active' },
        SYSTEM,
      );
    } else if (row.values['inh_count'] !== String(path.count)) {
      instance.update('sys_user_has_role', row.values['sys_id'] ?? '', { inh_count: String(path.count) }, SYSTEM);
    }
  }
}

function usersOfGroups(instance: Instance, groupIds: Iterable<string>): Set<string> {
  const users = new Set<string>();
  for (const groupId of groupIds) {
    for (const g of groupDescendants(instance, groupId)) {
      for (const m of instance.store.lookup('sys_user_grmember', 'group', g)) users.add(m.values['user'] ?? '');
    }
  }
  return users;
}

/** Users who hold `roleId` in any way: a change to what it contains reaches all of them. */
function holdersOf(instance: Instance, roleId: string): Set<string> {
  return new Set(instance.store.lookup('sys_user_has_role', 'role', roleId).map((r) => r.values['user'] ?? ''));
}

function affectedUsers(event: RuleEvent): Set<string> {
  const { instance, current, previous } = event;
  const both = (field: string) => [current[field] ?? '', previous?.[field] ?? ''].filter(Boolean);
  switch (event.table) {
    case 'sys_user_grmember':
      return new Set(both('user'));
    case 'sys_user_has_role':
      return current['inherited'] === 'true' ? new Set() : new Set(both('user'));
    case 'sys_group_has_role':
      return usersOfGroups(instance, both('group'));
    case 'sys_user_group':
      return usersOfGroups(instance, [current['sys_id'] ?? '']);
    case 'sys_user_role_contains': {
      const users = new Set<string>();
      for (const roleId of both('role')) for (const u of holdersOf(instance, roleId)) users.add(u);
      return users;
    }
    default:
      return new Set();
  }
}

export const roleInheritance: BusinessRule = {
  name: 'Role inheritance (Role Management V2)',
  when: 'after',
  tables: ['sys_user_grmember', 'sys_user_has_role', 'sys_group_has_role', 'sys_user_role_contains', 'sys_user_group'],
  operations: ['insert', 'update', 'delete'],
  run(event) {
    if (event.table === 'sys_user_group' && event.operation === 'update' && event.current['parent'] === event.previous?.['parent']) return;
    for (const userId of affectedUsers(event)) recomputeInheritedRoles(event.instance, userId);
  },
};
