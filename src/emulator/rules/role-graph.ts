import type { Instance } from '../instance.js';

/**
 * Read-only views of the role graph: role names by sys_id, containment closure, a group's roles
 * through its parents. Used by role inheritance and by the grant guards.
 */
export function roleName(instance: Instance, roleId: string): string {
  return instance.get('sys_user_role', roleId)?.values['name'] ?? '';
}

export function roleIdByName(instance: Instance, name: string): string | undefined {
  return instance.findBy('sys_user_role', 'name', name)?.values['sys_id'];
}

/** Roles directly contained in `roleId` (one level). */
export function containedRoles(instance: Instance, roleId: string): string[] {
  return instance.store.lookup('sys_user_role_contains', 'role', roleId).map((r) => r.values['contains'] ?? '');
}

/** `roleId` and every role it contains, transitively; cycles are cut. */
export function roleClosure(instance: Instance, roleId: string): Set<string> {
  const seen = new Set<string>();
  const stack = [roleId];
  while (stack.length) {
    const id = stack.pop() ?? '';
    if (!id || seen.has(id)) continue;
    seen.add(id);
    stack.push(...containedRoles(instance, id));
  }
  return seen;
}

/** The group and its ancestors (a child group inherits its parent's roles); cycles are cut. */
export function groupLineage(instance: Instance, groupId: string): string[] {
  const lineage: string[] = [];
  let current: string | undefined = groupId;
  while (current && !lineage.includes(current)) {
    lineage.push(current);
    current = instance.get('sys_user_group', current)?.values['parent'] || undefined;
  }
  return lineage;
}

/** Roles a member of `groupId` receives: its own and its ancestors' inheritable roles. */
export function groupRoles(instance: Instance, groupId: string): string[] {
  return groupLineage(instance, groupId).flatMap((g) =>
    instance.store
      .lookup('sys_group_has_role', 'group', g)
      .filter((r) => r.values['inherits'] !== 'false')
      .map((r) => r.values['role'] ?? ''),
  );
}

/** The group and every group below it (children inherit its roles). */
export function groupDescendants(instance: Instance, groupId: string): string[] {
  const found: string[] = [];
  const stack = [groupId];
  while (stack.length) {
    const id = stack.pop() ?? '';
    if (found.includes(id)) continue;
    found.push(id);
    stack.push(...instance.store.lookup('sys_user_group', 'parent', id).map((r) => r.values['sys_id'] ?? ''));
  }
  return found;
}

/** Effective role names of a user: every active sys_user_has_role row (direct and inherited). */
export function effectiveRoleNames(instance: Instance, userId: string): Set<string> {
  return new Set(
    instance.store
      .lookup('sys_user_has_role', 'user', userId)
      .filter((r) => (r.values['state'] || 'active') === 'active')
      .map((r) => roleName(instance, r.values['role'] ?? '')),
  );
}

/** Names of roles marked elevated_privilege (security_admin on a new instance). */
export function elevatedRoleNames(instance: Instance): Set<string> {
  const names = new Set<string>();
  for (const row of instance.store.scan('sys_user_role')) {
    if (row.values['elevated_privilege'] === 'true') names.add(row.values['name'] ?? '');
  }
  return names;
}
