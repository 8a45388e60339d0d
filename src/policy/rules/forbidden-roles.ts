import { directGrants } from '../../kinds/access-model.js';
import type { LiveLink } from '../../kinds/live.js';
import type { DesiredServiceAccount } from '../../kinds/desired.js';
import type { PolicyContext, PolicyRule, Violation } from '../rule.js';
import { naturalKey } from '../../model/keys.js';

/** Who granted a role on the instance, and when, as the link row says. */
function grantedBy(grant: LiveLink, instance: string): string {
  return `granted directly on ${instance} by ${grant.version.updatedBy} on ${grant.version.updatedOn.slice(0, 10)}`;
}

/**
 * The direct grants of forbidden roles made on the instance that the declaration leaves alone
 * (it has no roles: list): snac would not revoke them, so "remove the grant" from the YAML would
 * send people looking for a line that is not there.
 */
function handGrants(context: PolicyContext, a: DesiredServiceAccount, held: readonly string[]): LiveLink[] {
  if (a.roles !== undefined) return [];
  return directGrants(context.live, a.key).filter((l) => held.includes(l.to));
}

function handGranted(context: PolicyContext, a: DesiredServiceAccount, grants: readonly LiveLink[]): Violation {
  const names = grants.map((g) => g.toName ?? g.to);
  return {
    account: a.key,
    summary: `${a.key} holds ${grants.map((g, i) => `${names[i]} (${grantedBy(g, context.instance)})`).join(', ')}, which policy.forbidden_roles forbids for service accounts`,
    fix: `the declaration has no roles: list, so snac leaves the account's direct grants alone: add roles: with only the roles it should keep (roles: [] for none) and the plan revokes ${names.join(', ')}; if the account really needs it, declare privileged: { reason: ... }`,
    at: a.at,
  };
}

/** snac.yaml's policy.forbidden_roles: never on a service account, unless declared privileged with a reason. */
export const forbiddenRoles: PolicyRule = {
  id: 'forbidden-roles',
  severity: 'error',
  offline: true,
  title: 'no forbidden role (policy.forbidden_roles) unless declared privileged with a reason',
  check: (context) => {
    const { accounts, desired, rolesAfter } = context;
    const forbidden = desired.config.policy.forbiddenRoles;
    return accounts.flatMap((a) => {
      if (a.privilegedReason !== undefined) return [];
      const held = forbidden.filter((role) => rolesAfter(a.key).has(role));
      if (held.length === 0) return [];
      const byHand = handGrants(context, a, held);
      const declared = held.filter((role) => !byHand.some((g) => g.to === role));
      const direct = a.roles?.find((r) => held.includes(naturalKey(r.value)));
      const violations: Violation[] = byHand.length === 0 ? [] : [handGranted(context, a, byHand)];
      if (declared.length > 0) {
        violations.push({
          account: a.key,
          summary: `${a.key} would hold ${declared.join(', ')}, which policy.forbidden_roles forbids for service accounts`,
          fix: 'remove the grant or the group that carries it; if the account really needs it, declare privileged: { reason: ... }',
          at: direct?.at ?? a.at,
        });
      }
      return violations;
    });
  },
};
