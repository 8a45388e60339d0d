import type { LiveRecord, LiveState } from '../kinds/live.js';
import { naturalKey } from '../model/keys.js';
import type { DesiredState } from '../kinds/desired.js';
import { accountsOn } from '../kinds/service-account.js';
import type { Change } from './change.js';

/** A role whose "Assignable by" the granting account does not hold. */
export interface AssignableGap {
  /** The role the grant brings (itself, or one it contains). */
  readonly role: string;
  /** The role a granter must hold (sys_user_role.assignable_by). */
  readonly assignableBy: string;
}

/** Every role a grant of `role` brings, through role containment (cycles cut). */
function closure(live: LiveState, roles: Iterable<string>): Set<string> {
  const contains = new Map<string, string[]>();
  for (const link of live.links.RoleContains) contains.set(link.from, [...(contains.get(link.from) ?? []), link.to]);
  const seen = new Set<string>();
  const stack = [...roles];
  while (stack.length > 0) {
    const role = stack.pop() ?? '';
    if (seen.has(role)) continue;
    seen.add(role);
    stack.push(...(contains.get(role) ?? []));
  }
  return seen;
}

/**
 * The roles among `granted` (containment included) whose "Assignable by" role `holder` lacks:
 * the instance refuses such a grant (directly, to a group, or a membership of a group holding
 * it) with 403 "User Is Not Authorized To Perform This Action" (KB1113558). admin passes.
 */
export function assignableGaps(live: LiveState, granted: Iterable<string>, holder: ReadonlySet<string>): AssignableGap[] {
  if (holder.has('admin')) return [];
  const byName = new Map<string, LiveRecord>(live.records.Role.map((r) => [r.key, r]));
  const gaps: AssignableGap[] = [];
  for (const role of [...closure(live, granted)].sort()) {
    const assignableBy = byName.get(role)?.fields['assignable_by'];
    if (typeof assignableBy === 'string' && assignableBy !== '' && !holder.has(assignableBy)) gaps.push({ role, assignableBy });
  }
  return gaps;
}

/** The roles a grant change hands out: the role itself, or a group's roles for a membership. */
export function rolesGranted(change: Change, after: LiveState): string[] {
  if (change.link === undefined) return [];
  if (change.kind === 'DirectRole' || change.kind === 'GroupRole') return [change.link.to];
  if (change.kind === 'Membership') return after.links.GroupRole.filter((l) => l.from === change.link?.to).map((l) => l.to);
  return [];
}

/** The roles the declarations grant to accounts and groups, for the preflight. */
export function declaredGrants(desired: DesiredState, live: LiveState): string[] {
  const roles = new Set<string>();
  for (const group of desired.records.Group) for (const role of group.roles ?? []) roles.add(naturalKey(role.value));
  for (const account of accountsOn(desired, undefined)) {
    for (const role of account.roles ?? []) roles.add(naturalKey(role.value));
    for (const group of account.groups ?? []) {
      const key = naturalKey(group.value);
      for (const link of live.links.GroupRole) if (link.from === key) roles.add(link.to);
    }
  }
  return [...roles];
}
