import { hasRole } from '../actor.js';
import { errors } from '../errors.js';
import type { Instance } from '../instance.js';
import { effectiveRoleNames, elevatedRoleNames, groupRoles, roleClosure, roleName } from './role-graph.js';
import { ruleSysId, type BusinessRule, type RuleEvent } from './rule.js';

/** The roles (sys_ids) a grant of `roleIds` brings, containment included. */
function grantedRoles(instance: Instance, roleIds: Iterable<string>): Set<string> {
  const ids = new Set<string>();
  for (const roleId of roleIds) for (const id of roleClosure(instance, roleId)) ids.add(id);
  return ids;
}

function abort(event: RuleEvent, rule: string, message: string): never {
  throw errors.businessRuleAbort(event.table, rule, ruleSysId(rule), message);
}

/**
 * SERVICENOW.md §6.8: only admin grants admin; security_admin (and any elevated role) only from a
 * session elevated to security_admin; mid_server and security_admin exclude each other; so do
 * snc_internal and snc_external. Applies to direct grants, group roles and memberships alike.
 */
function checkGrant(event: RuleEvent, grantedIds: Set<string>, holderRoles: Set<string> | undefined): void {
  const { instance, actor } = event;
  const elevated = elevatedRoleNames(instance);
  const granted = new Set([...grantedIds].map((id) => roleName(instance, id)));
  checkAssignableBy(event, grantedIds, elevated);
  if (granted.has('admin') && !hasRole(actor, 'admin', elevated)) {
    abort(event, 'Admin role assignment check', 'Only a user with the admin role can grant the admin role');
  }
  for (const role of granted) {
    if (elevated.has(role) && !(actor.roles.has('security_admin') && actor.elevated.has('security_admin'))) {
      abort(event, 'Elevated role assignment check', `Granting ${role} requires a session elevated to security_admin`);
    }
  }
  if (!holderRoles) return;
  const after = new Set([...holderRoles, ...granted]);
  if (after.has('mid_server') && after.has('security_admin')) {
    abort(event, 'Validate MID Server role', 'The mid_server and security_admin roles cannot be held by the same user');
  }
  if (after.has('snc_internal') && after.has('snc_external')) {
    abort(event, 'Explicit roles check', 'A user cannot have both snc_internal and snc_external');
  }
}

/**
 * A role with "Assignable by" set can be granted (directly, to a group, or by adding a member to
 * a group that holds it, containment included) only by a holder of that role (KB1113558).
 */
function checkAssignableBy(event: RuleEvent, grantedIds: Set<string>, elevated: ReadonlySet<string>): void {
  const { instance, actor } = event;
  for (const id of grantedIds) {
    const assignableBy = instance.get('sys_user_role', id)?.values['assignable_by'] ?? '';
    if (assignableBy && !hasRole(actor, roleName(instance, assignableBy), elevated)) throw errors.notAuthorizedAction();
  }
}

export const grantGuards: BusinessRule = {
  name: 'Role grant guards',
  when: 'before',
  tables: ['sys_user_has_role', 'sys_user_grmember', 'sys_group_has_role'],
  operations: ['insert'],
  run(event) {
    const { instance, current } = event;
    if (event.actor.system) return;
    if (event.table === 'sys_user_has_role') {
      if (current['inherited'] === 'true') return;
      checkGrant(event, grantedRoles(instance, [current['role'] ?? '']), effectiveRoleNames(instance, current['user'] ?? ''));
    } else if (event.table === 'sys_user_grmember') {
      checkGrant(event, grantedRoles(instance, groupRoles(instance, current['group'] ?? '')), effectiveRoleNames(instance, current['user'] ?? ''));
    } else {
      checkGrant(event, grantedRoles(instance, [current['role'] ?? '']), undefined);
    }
  },
};

/** Inherited rows belong to the platform: remove the membership or group role instead. */
export const inheritedRowProtection: BusinessRule = {
  name: 'Prevent removal of inherited roles',
  when: 'before',
  tables: ['sys_user_has_role'],
  operations: ['update', 'delete'],
  run(event) {
    if (event.actor.system || event.previous?.['inherited'] !== 'true') return;
    abort(
      event,
      'Prevent removal of inherited roles',
      'Inherited roles cannot be removed from the user record; remove the user from the group that grants it',
    );
  },
};
