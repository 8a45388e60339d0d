import type { LiveState } from '../kinds/live.js';
import { heldRoles } from '../kinds/access-model.js';

/** A lookup that answers an empty set for accounts holding nothing. */
export function rolesLookup(state: LiveState): (account: string) => ReadonlySet<string> {
  const held = heldRoles(state);
  const none: ReadonlySet<string> = new Set();
  return (account) => held.get(account) ?? none;
}
