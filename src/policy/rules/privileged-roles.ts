import { privilegedRoles as privilegedPredicate } from '../../plan/privileged.js';
import type { PolicyRule } from '../rule.js';
import { naturalKey } from '../../model/keys.js';

/**
 * Privileged roles (admin, security_admin, elevated roles and policy.privileged_roles) need a
 * declared `privileged` exemption with a reason. Roles policy.forbidden_roles lists are left to
 * forbidden-roles, so one grant makes one finding.
 */
export const privilegedRoles: PolicyRule = {
  id: 'privileged-roles',
  severity: 'error',
  offline: true,
  title: 'privileged roles only with a privileged exemption that gives a reason',
  check: ({ accounts, desired, live, rolesAfter }) => {
    const isPrivileged = privilegedPredicate(desired, live);
    const forbidden = new Set(desired.config.policy.forbiddenRoles);
    return accounts.flatMap((a) => {
      if (a.privilegedReason !== undefined) return [];
      const held = [...rolesAfter(a.key)].filter((role) => isPrivileged(role) && !forbidden.has(role)).sort();
      if (held.length === 0) return [];
      const direct = a.roles?.find((r) => held.includes(naturalKey(r.value)));
      return [{
        account: a.key,
        summary: `${a.key} would hold the privileged role${held.length === 1 ? '' : 's'} ${held.join(', ')} without a privileged exemption`,
        fix: 'remove the grant or the group that carries it, or declare privileged: { reason: ... } saying why the account needs it',
        at: direct?.at ?? a.at,
      }];
    });
  },
};
