import type { SafetyRail } from './rail.js';

/** Below this many accounts in scope, a share threshold says nothing (octoDNS's MIN_EXISTING_RECORDS). */
const MIN_ACCOUNTS_FOR_SHARE = 10;

/** A plan that touches most accounts in scope is more often a wrong scope rule than a decision. */
export const tooManyChanges: SafetyRail = {
  code: 'too-many-changes',
  allowable: true,
  description: 'more than `safety.max_change_share` of the accounts in scope would change',
  check: ({ changes, live, safety }) => {
    const inScope = live.records.ServiceAccount.length;
    const touched = new Set(changes.filter((c) => c.kind === 'ServiceAccount' && c.action !== 'create').map((c) => c.key));
    const share = inScope === 0 ? 0 : touched.size / inScope;
    if (inScope < MIN_ACCOUNTS_FOR_SHARE || share <= safety.maxChangeShare) return [];
    return [{
      summary: `${touched.size} of ${inScope} accounts in scope would change (${Math.round(share * 100)}%), more than safety.max_change_share (${Math.round(safety.maxChangeShare * 100)}%)`,
      fix: 'check the scope rule and the declarations; raise safety.max_change_share in snac.yaml or pass --allow too-many-changes',
    }];
  },
};
