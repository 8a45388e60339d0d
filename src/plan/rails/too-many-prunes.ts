import type { SafetyRail } from './rail.js';

/** A mass deactivation is more often a moved or deleted file than a decision (octoDNS's delete threshold). */
export const tooManyPrunes: SafetyRail = {
  code: 'too-many-prunes',
  allowable: true,
  description: 'more accounts would be deactivated or deleted than `safety.max_prunes`',
  check: ({ changes, safety }) => {
    const prunes = changes.filter((c) => c.origin === 'prune');
    if (prunes.length <= safety.maxPrunes) return [];
    return [{
      summary: `${prunes.length} accounts would be ${prunes[0]?.action === 'delete' ? 'deleted' : 'deactivated'}, more than safety.max_prunes (${safety.maxPrunes})`,
      fix: 'check that no account file was deleted or moved by mistake; raise safety.max_prunes in snac.yaml or pass --allow too-many-prunes',
    }];
  },
};
