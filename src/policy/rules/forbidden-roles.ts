import type { PolicyRule } from '../rule.js';

/** snac.yaml's policy.forbidden_roles: never on a service account, unless declared privileged with a reason. */
export const forbiddenRoles: PolicyRule = {
  id: 'forbidden-roles',
  severity: 'error',
  offline: true,
  title: 'no forbidden role (policy.forbidden_roles) unless declared privileged with a reason',
  check: ({ accounts, desired, rolesAfter }) => {
    const forbidden = desired.config.policy.forbiddenRoles;
    return accounts.flatMap((a) => {
      if (a.privilegedReason !== undefined) return [];
      const held = forbidden.filter((role) => rolesAfter(a.key).has(role));
      if (held.length === 0) return [];
      const direct = a.roles?.find((r) => held.includes(r.value.toLowerCase()));
      return [{
        account: a.key,
        summary: `${a.key} would hold ${held.join(', ')}, which policy.forbidden_roles forbids for service accounts`,
        fix: 'remove the grant or the group that carries it; if the account really needs it, declare privileged: { reason: ... }',
        at: direct?.at ?? a.at,
      }];
    });
  },
};
