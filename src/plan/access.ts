import type { LiveState } from '../kinds/live.js';
import type { AccessChange } from './change.js';

/**
 * Effective roles: direct grants plus the roles of the account's groups, closed over role
 * containment. Computed the same way before and after a plan, so the difference is exactly
 * what the plan gives and takes away, whichever rows carry it.
 */
export function effectiveRoles(state: LiveState): Map<string, Set<string>> {
  const contains = adjacency(state.links.RoleContains.map((l) => [l.from, l.to]));
  const groupRoles = adjacency(state.links.GroupRole.map((l) => [l.from, l.to]));
  const closure = new Map<string, Set<string>>();
  const close = (role: string): Set<string> => {
    const cached = closure.get(role);
    if (cached) return cached;
    const result = new Set<string>([role]);
    closure.set(role, result);
    for (const inner of contains.get(role) ?? []) for (const r of close(inner)) result.add(r);
    return result;
  };
  const byAccount = new Map<string, Set<string>>();
  const add = (account: string, role: string) => {
    const set = byAccount.get(account) ?? new Set<string>();
    for (const r of close(role)) set.add(r);
    byAccount.set(account, set);
  };
  for (const account of state.records.ServiceAccount) byAccount.set(account.key, new Set());
  for (const link of state.links.DirectRole) add(link.from, link.to);
  for (const link of state.links.Membership) for (const role of groupRoles.get(link.to) ?? []) add(link.from, role);
  return byAccount;
}

/** Accounts whose effective roles differ between two states, with privileged roles called out. */
export function accessChanges(before: LiveState, after: LiveState, isPrivileged: (role: string) => boolean): AccessChange[] {
  const was = effectiveRoles(before);
  const will = effectiveRoles(after);
  const accounts = [...new Set([...was.keys(), ...will.keys()])].sort();
  const changes: AccessChange[] = [];
  for (const account of accounts) {
    const from = was.get(account) ?? new Set<string>();
    const to = will.get(account) ?? new Set<string>();
    const gained = [...to].filter((r) => !from.has(r)).sort();
    const lost = [...from].filter((r) => !to.has(r)).sort();
    if (gained.length === 0 && lost.length === 0) continue;
    changes.push({ account, gained, lost, privilegedGained: gained.filter(isPrivileged), privilegedLost: lost.filter(isPrivileged) });
  }
  return changes;
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
