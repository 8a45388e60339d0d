import type { PolicyRule } from '../rule.js';

/** Seed 001: roles through a group are granted, reviewed and removed in one place. */
export const noDirectRoles: PolicyRule = {
  id: 'no-direct-roles',
  severity: 'warning',
  offline: true,
  title: 'roles come through groups, not direct grants',
  check: ({ accounts }) =>
    accounts.flatMap((a) => {
      const roles = a.roles ?? [];
      const first = roles[0];
      if (first === undefined) return [];
      return [{
        account: a.key,
        summary: `${a.key} is granted ${roles.map((r) => r.value).join(', ')} directly`,
        fix: 'grant the roles to a group (kind: Group) and list the group under groups: instead',
        at: first.at,
      }];
    }),
};
