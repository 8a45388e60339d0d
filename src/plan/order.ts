import type { Change, KindName } from './change.js';

/**
 * Apply order: what others refer to is created first (roles, then groups, then accounts, then
 * the links between them); removals run the other way (links revoked before accounts are
 * deactivated or deleted). Within a phase, changes sort by kind and key, so plans are stable.
 */
const CREATE_PHASE: Record<KindName, number> = {
  Role: 0,
  RoleContains: 1,
  Group: 2,
  GroupRole: 3,
  ServiceAccount: 4,
  Membership: 5,
  DirectRole: 5,
  SecuritySettings: 6,
};
const REVOKE_PHASE: Partial<Record<KindName, number>> = { DirectRole: 7, Membership: 7, GroupRole: 8, RoleContains: 9 };
const REMOVE_PHASE = 10;

export function phaseOf({ kind, action }: Change): number {
  if (action === 'revoke') return REVOKE_PHASE[kind] ?? REMOVE_PHASE;
  if (action === 'deactivate' || action === 'delete') return REMOVE_PHASE;
  return CREATE_PHASE[kind];
}

export function orderChanges(changes: readonly Change[]): Change[] {
  return [...changes].sort((a, b) => phaseOf(a) - phaseOf(b) || cmp(a.kind, b.kind) || cmp(a.key, b.key) || cmp(a.action, b.action));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
