import type { LiveState } from '../kinds/live.js';
import { effectiveRoles } from '../kinds/access-model.js';
import type { AccessChange } from './change.js';

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
