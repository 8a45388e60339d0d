import type { PolicyRule } from '../rule.js';

/** An account whose purpose nobody wrote down cannot be reviewed, nor safely removed. */
export const purposeRequired: PolicyRule = {
  id: 'purpose-required',
  severity: 'error',
  offline: true,
  title: 'every service account says what it is for (purpose)',
  check: ({ accounts }) =>
    accounts
      .filter((a) => a.purpose === undefined || a.purpose.value.trim() === '')
      .map((a) => ({
        account: a.key,
        summary: `${a.key} has no purpose: reviewers cannot tell what uses it or whether it is still needed`,
        fix: 'add purpose: <what integration uses it, and for what> to the declaration',
        at: a.purpose?.at ?? a.at,
      })),
};
