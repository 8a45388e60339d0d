import type { SafetyRail } from './rail.js';

/** An undeclared account that can log in to the UI may be a person's: pruning it locks someone out. */
export const interactiveAccount: SafetyRail = {
  code: 'interactive-account',
  allowable: true,
  description: "an undeclared account in scope can log in to the UI: it may be a person's",
  check: ({ changes, live }) => changes.filter((change) => change.origin === 'prune').flatMap((change) => {
    const account = live.records.ServiceAccount.find((a) => a.key === change.key);
    if (account?.fields['web_service_access_only'] !== false) return [];
    return [{
      summary: `${change.key} is interactive (it can log in to the UI) and is not declared: it may be a person's account`,
      fix: 'declare it to keep it, add it to scope.exclude in snac.yaml, or pass --allow interactive-account if it really is an unused service account',
      record: { kind: 'ServiceAccount', key: change.key },
    }];
  }),
};
