import { cutOff } from '../cut-off.js';
import type { Breach, SafetyRail } from './rail.js';

/**
 * snac's own accounts are always protected: an apply that cuts off the account it runs as
 * fails half way and leaves nobody to finish it, so neither --allow nor snac.yaml lifts this.
 */
export const reconcilerSelf: SafetyRail = {
  code: 'reconciler-self',
  allowable: false,
  unallowable: 'snac never deactivates, locks or strips the account it runs as; change that account by hand',
  description: "the plan would deactivate, lock or strip snac's own account: the one `reconciler:` names, and always the account snac signs in as",
  check: ({ changes, access, protectedAccounts = [] }) => protectedAccounts.flatMap((self): Breach[] => {
    const breaches: Breach[] = changes
      .filter((change) => (change.key === self || change.link?.from === self) && cutOff(change) !== undefined)
      .map((change) => ({
        summary: `${change.action} on ${change.key} would cut off snac's own account ${self}`,
        fix: `snac never deactivates, locks or strips the account it runs as, whatever --allow says; change ${self} by hand if you really mean it`,
        record: { kind: change.kind, key: change.key },
      }));
    const lost = access.find((a) => a.account === self)?.lost ?? [];
    if (lost.length > 0) {
      breaches.push({
        summary: `snac's own account ${self} would lose ${lost.join(', ')}`,
        fix: 'keep the roles snac needs (user_admin and its reconciler role) on its account and groups',
        record: { kind: 'ServiceAccount', key: self },
      });
    }
    return breaches;
  }),
};
