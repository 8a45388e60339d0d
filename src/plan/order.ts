import { isLinkKindName } from '../kinds/names.js';
import { LINK_KINDS, RECORD_KINDS } from '../kinds/registry.js';
import type { Change } from './change.js';

/**
 * Apply order, from each kind's phases: what others refer to is created first (roles, then
 * groups, then accounts, then the links between them); removals run the other way (links
 * revoked before accounts are deactivated or deleted). Within a phase, changes sort by kind and
 * key, so plans are stable.
 */
const REMOVE_PHASE = 10;

export function phaseOf({ kind, action }: Change): number {
  if (isLinkKindName(kind)) return action === 'revoke' || action === 'delete' ? LINK_KINDS[kind].revokePhase : LINK_KINDS[kind].grantPhase;
  if (action === 'deactivate' || action === 'delete') return REMOVE_PHASE;
  return RECORD_KINDS[kind].phase;
}

export function orderChanges(changes: readonly Change[]): Change[] {
  return [...changes].sort((a, b) => phaseOf(a) - phaseOf(b) || cmp(a.kind, b.kind) || cmp(a.key, b.key) || cmp(a.action, b.action));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
