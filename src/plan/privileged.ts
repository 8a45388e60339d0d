import type { DesiredState } from '../kinds/desired.js';
import type { LiveState } from '../kinds/live.js';
import { naturalKey } from '../model/keys.js';
import { PRIVILEGED_BASELINE_ROLES } from '../model/baseline-roles.js';

/**
 * Privileged roles: admin, security_admin, every role flagged elevated_privilege (live or
 * declared), and those snac.yaml lists.
 */
export function privilegedRoles(desired: DesiredState, live: LiveState): (role: string) => boolean {
  const set = new Set<string>([...PRIVILEGED_BASELINE_ROLES, ...desired.config.policy.privilegedRoles.map(naturalKey)]);
  for (const role of live.records.Role) if (role.fields['elevated_privilege'] === true) set.add(role.key);
  for (const role of desired.records.Role) if (role.fields.elevated_privilege?.value === true) set.add(role.key);
  return (role) => set.has(role);
}
