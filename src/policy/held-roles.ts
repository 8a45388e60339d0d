import type { LiveState } from '../kinds/live.js';
import { effectiveRoles } from '../plan/access.js';

/**
 * Every role each account holds: direct grants and the roles of the groups snac read, closed
 * over containment (effectiveRoles), plus the inherited rows the instance derived for groups
 * snac did not read. An inherited row counts only while the account is still a member of the
 * group it names, so the same function answers for a simulated state after a plan.
 */
export function heldRoles(state: LiveState): Map<string, Set<string>> {
  const held = effectiveRoles(state);
  const member = new Set(state.links.Membership.map((m) => `${m.from}\0${m.to}`));
  for (const row of state.inheritedRoles) {
    if (row.grantedBy !== undefined && !member.has(`${row.user}\0${row.grantedBy}`)) continue;
    const roles = held.get(row.user) ?? new Set<string>();
    roles.add(row.role);
    held.set(row.user, roles);
  }
  return held;
}

/** A lookup that answers an empty set for accounts holding nothing. */
export function rolesLookup(state: LiveState): (account: string) => ReadonlySet<string> {
  const held = heldRoles(state);
  const none: ReadonlySet<string> = new Set();
  return (account) => held.get(account) ?? none;
}
