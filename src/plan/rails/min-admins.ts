import { cutOff } from '../cut-off.js';
import type { SafetyRail } from './rail.js';

/** Nobody left to log in as admin is an instance nobody can repair (peribolos's --min-admins). */
export const minAdmins: SafetyRail = {
  code: 'min-admins',
  allowable: true,
  description: 'fewer than `safety.min_admins` active admins would remain on the instance (admins outside scope count)',
  check: ({ live, changes, access, safety }) => {
    const removed = new Set<string>();
    for (const a of access) if (a.lost.includes('admin')) removed.add(a.account);
    for (const change of changes) if (change.kind === 'ServiceAccount' && cutOff(change) !== undefined) removed.add(change.key);
    const remaining = live.activeAdmins.filter((admin) => !removed.has(admin));
    const lostAdmins = live.activeAdmins.filter((admin) => removed.has(admin));
    if (lostAdmins.length === 0 || remaining.length >= safety.minAdmins) return [];
    return [{
      summary: `only ${remaining.length} active admin${remaining.length === 1 ? '' : 's'} would remain (${lostAdmins.join(', ')} would lose admin), fewer than safety.min_admins (${safety.minAdmins})`,
      fix: 'keep at least that many active admins (break-glass accounts count); lower safety.min_admins or pass --allow min-admins only if you have another way in',
    }];
  },
};
