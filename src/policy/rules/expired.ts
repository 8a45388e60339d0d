import type { PolicyRule } from '../rule.js';

/** An account past its `expires` date (a vendor contract, a project) must be switched off. */
export const expired: PolicyRule = {
  id: 'expired',
  severity: 'error',
  offline: true,
  title: 'accounts past their expires date are deactivated',
  check: ({ accounts, after, today }) => {
    const active = new Map(after.records.ServiceAccount.map((a) => [a.key, a.fields['active'] !== false]));
    return accounts.flatMap((a) => {
      if (a.expires === undefined || a.expires.value >= today || active.get(a.key) !== true) return [];
      return [{
        account: a.key,
        summary: `${a.key} expired on ${a.expires.value} but would stay active`,
        fix: 'set active: false (or remove the declaration and let snac deactivate it); move expires only if its use was extended',
        at: a.expires.at,
      }];
    });
  },
};
