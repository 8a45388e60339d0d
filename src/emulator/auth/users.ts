import { SYSTEM, type Actor } from '../actor.js';
import type { Instance } from '../instance.js';
import { effectiveRoleNames, roleIdByName } from '../rules/role-graph.js';
import type { Row } from '../store.js';
import { verifyPassword } from './passwords.js';

export type LoginFailure = 'unknown-user' | 'wrong-password' | 'inactive' | 'locked-out' | 'interactive-basic-denied';

export type LoginResult = { ok: true; user: Row } | { ok: false; reason: LoginFailure };

export function findUser(instance: Instance, userName: string): Row | undefined {
  return instance.findBy('sys_user', 'user_name', userName);
}

/** Whether a user may hold a session now: active and not locked out. */
export function usable(user: Row): LoginFailure | undefined {
  if (user.values['active'] !== 'true') return 'inactive';
  if (user.values['locked_out'] === 'true') return 'locked-out';
  return undefined;
}

/**
 * Verify a user name and password the way the platform does: an inactive or locked-out user is
 * refused even with the right password; a wrong password counts up failed_attempts and locks the
 * account at the configured maximum; a successful login resets the count.
 */
export function checkPassword(instance: Instance, userName: string, password: string): LoginResult {
  const user = findUser(instance, userName);
  if (!user) return { ok: false, reason: 'unknown-user' };
  const sysId = user.values['sys_id'] ?? '';
  if (!verifyPassword(user.values['user_password'] ?? '', password)) {
    const failed = Number(user.values['failed_attempts'] || '0') + 1;
    const lock = failed >= instance.settings.maxFailedAttempts;
    instance.update('sys_user', sysId, { failed_attempts: String(failed), ...(lock ? { locked_out: 'true' } : {}) }, SYSTEM);
    return { ok: false, reason: 'wrong-password' };
  }
  const refused = usable(user);
  if (refused) return { ok: false, reason: refused };
  const current = instance.get('sys_user', sysId) ?? user;
  if (current.values['failed_attempts'] && current.values['failed_attempts'] !== '0') {
    instance.update('sys_user', sysId, { failed_attempts: '0' }, SYSTEM, { autoSysFields: false });
  }
  return { ok: true, user: instance.get('sys_user', sysId) ?? user };
}

/**
 * What happens when a session starts: last_login_time is stamped (without touching sys_* fields),
 * and the Explicit Roles plugin grants snc_internal to a user holding neither snc_internal nor
 * snc_external. A reconciler therefore sees snc_internal rows it never declared.
 */
export function startSession(instance: Instance, user: Row): Actor {
  const sysId = user.values['sys_id'] ?? '';
  instance.update('sys_user', sysId, { last_login_time: instance.clock.glideDateTime() }, SYSTEM, { autoSysFields: false });
  let roles = effectiveRoleNames(instance, sysId);
  const internal = roleIdByName(instance, 'snc_internal');
  if (internal && !roles.has('snc_internal') && !roles.has('snc_external')) {
    instance.insert('sys_user_has_role', { user: sysId, role: internal, state: 'active' }, SYSTEM);
    roles = effectiveRoleNames(instance, sysId);
  }
  return actorFor(instance, user, roles);
}

export function actorFor(instance: Instance, user: Row, roles = effectiveRoleNames(instance, user.values['sys_id'] ?? '')): Actor {
  const elevated = instance.settings.restElevatedSecurityAdmin && roles.has('security_admin') ? ['security_admin'] : [];
  return {
    userName: user.values['user_name'] ?? '',
    userId: user.values['sys_id'] ?? '',
    roles,
    elevated: new Set(elevated),
    system: false,
  };
}
