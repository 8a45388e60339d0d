import type { LiveLink, LiveState } from './live.js';
import { isLinkKindName, type KindName } from './names.js';
import { LINK_KINDS } from './registry.js';

/**
 * How links add up to access on ServiceNow: an account holds its direct grants and the roles of
 * its groups, closed over role containment. The one place that knows which link kind carries
 * what, so planning, policy and audit never name a link kind themselves.
 */

/** A link kind that hands a role to something (a direct grant, a group's role, a contained role). */
export function grantsRole(kind: KindName): boolean {
  return isLinkKindName(kind) && LINK_KINDS[kind].to.kind === 'Role';
}

/** A link kind that puts an account in a group. */
export function isMembership(kind: KindName): boolean {
  return isLinkKindName(kind) && LINK_KINDS[kind].from.kind === 'ServiceAccount' && LINK_KINDS[kind].to.kind === 'Group';
}

/** A link kind whose rows hang from an account (its own grants and memberships). */
export function isAccountLink(kind: KindName): boolean {
  return isLinkKindName(kind) && LINK_KINDS[kind].from.kind === 'ServiceAccount';
}

/** A link kind that gives a role to every member of a group. */
export function isGroupRole(kind: KindName): boolean {
  return isLinkKindName(kind) && LINK_KINDS[kind].from.kind === 'Group' && LINK_KINDS[kind].to.kind === 'Role';
}

/** The roles an account was granted directly (not through a group or containment). */
export function directGrants(state: LiveState, account: string): LiveLink[] {
  return state.links.DirectRole.filter((l) => l.from === account);
}

/** How many accounts read are members of a group. */
export function memberCount(state: LiveState, group: string): number {
  return state.links.Membership.filter((m) => m.to === group).length;
}

/** The group and its ancestors: a child group inherits its parent's roles (cycles cut). */
export function groupLineage(state: LiveState, group: string): string[] {
  const lineage: string[] = [];
  for (let g: string | undefined = group; g !== undefined && !lineage.includes(g); g = state.groupParents?.[g]) lineage.push(g);
  return lineage;
}

/** The groups through which an account holds a role: its memberships whose lineage grants it, containment included. */
export function groupsGranting(state: LiveState, account: string, role: string): string[] {
  const { close, groupRoles } = roleGraph(state);
  return state.links.Membership.filter((m) => m.from === account).map((m) => m.to).filter((group) =>
    groupLineage(state, group).some((g) => (groupRoles.get(g) ?? []).some((r) => close(r).has(role))),
  );
}

/** Role containment closed per role (cached), and each group's own role grants. */
function roleGraph(state: LiveState): { close: (role: string) => Set<string>; groupRoles: Map<string, string[]> } {
  const contains = adjacency(state.links.RoleContains.map((l) => [l.from, l.to]));
  const closure = new Map<string, Set<string>>();
  const close = (role: string): Set<string> => {
    const cached = closure.get(role);
    if (cached) return cached;
    const result = new Set<string>([role]);
    closure.set(role, result);
    for (const inner of contains.get(role) ?? []) for (const r of close(inner)) result.add(r);
    return result;
  };
  return { close, groupRoles: adjacency(state.links.GroupRole.map((l) => [l.from, l.to])) };
}

/**
 * Effective roles: direct grants plus the roles of the account's groups and their ancestors
 * (Role Management V2), closed over role containment. Computed the same way before and after a
 * plan, so the difference is exactly what the plan gives and takes away, whichever rows carry it.
 */
export function effectiveRoles(state: LiveState): Map<string, Set<string>> {
  const { close, groupRoles } = roleGraph(state);
  const byAccount = new Map<string, Set<string>>();
  const add = (account: string, role: string) => {
    const set = byAccount.get(account) ?? new Set<string>();
    for (const r of close(role)) set.add(r);
    byAccount.set(account, set);
  };
  for (const account of state.records.ServiceAccount) byAccount.set(account.key, new Set());
  for (const link of state.links.DirectRole) add(link.from, link.to);
  for (const link of state.links.Membership) {
    for (const group of groupLineage(state, link.to)) for (const role of groupRoles.get(group) ?? []) add(link.from, role);
  }
  return byAccount;
}

/**
 * Every role each account holds: from its direct grants and memberships, through group lineage
 * and containment only. The inherited rows' granted_by is deprecated under Role Management V2
 * (one row per role, however many paths), so it is never used: every group an account belongs
 * to and every ancestor is read, and the same function answers for a simulated state after a plan.
 */
export function heldRoles(state: LiveState): Map<string, Set<string>> {
  return effectiveRoles(state);
}

function adjacency(pairs: readonly (readonly [string, string])[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [from, to] of pairs) {
    const list = map.get(from);
    if (list) list.push(to);
    else map.set(from, [to]);
  }
  return map;
}
