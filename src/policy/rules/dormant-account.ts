import { runningAs } from '../../impact/dependents.js';
import { describeDormancy, dormancy } from '../dormancy.js';

const runs = (names: readonly string[]) => (names.length === 0 ? '' : `; still set up to run as it: ${names.join(', ')}`);
import type { PolicyRule } from '../rule.js';

/**
 * A service account in scope that nobody has used for policy.dormant_after_days (default 90):
 * its last login is older than that, or it never logged in and was created before then. A
 * dormant integration account is a credential nobody watches. Accounts the plan deactivates
 * are not reported.
 */
export const dormantAccount: PolicyRule = {
  id: 'dormant-account',
  severity: 'warning',
  title: 'service accounts are used: no login for policy.dormant_after_days means deactivate or explain',
  check: ({ desired, live, after, accounts, today, dependents }) => {
    const days = desired.config.policy.dormantAfterDays;
    const activeAfter = new Map(after.records.ServiceAccount.map((a) => [a.key, a.fields['active'] !== false]));
    const declared = new Map(accounts.map((a) => [a.key, a]));
    return live.records.ServiceAccount.flatMap((account) => {
      const found = dormancy(account, today, days);
      if (found === undefined || activeAfter.get(account.key) === false) return [];
      const at = declared.get(account.key)?.at;
      return [{
        account: account.key,
        summary: `${account.key} is dormant: it ${describeDormancy(found)} (policy.dormant_after_days is ${days})${runs(runningAs(dependents, account.key))}`,
        fix: 'check that the integration still runs; if nothing uses the account, set active: false (or remove its declaration), else list it in this rule\'s exceptions saying why',
        ...(at === undefined ? {} : { at }),
      }];
    });
  },
};
