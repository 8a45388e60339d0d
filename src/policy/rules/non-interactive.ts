import type { PolicyRule } from '../rule.js';

/** Seed 003: an integration account that can log in to the UI is a person's account in disguise. */
export const nonInteractive: PolicyRule = {
  id: 'non-interactive',
  severity: 'error',
  offline: true,
  title: 'service accounts are non-interactive (web_service_access_only) unless exempted with a reason',
  check: ({ accounts }) =>
    accounts
      .filter((a) => a.fields.web_service_access_only?.value === false && a.interactiveReason === undefined)
      .map((a) => ({
        account: a.key,
        summary: `${a.key} is declared interactive (web_service_access_only: false): it can log in to the UI like a person`,
        fix: 'remove web_service_access_only: false (API access only is the default), or give the exemption interactive: { reason: ... }',
        at: a.fields.web_service_access_only?.at ?? a.at,
      })),
};
