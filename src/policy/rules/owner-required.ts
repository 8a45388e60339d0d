import type { PolicyRule } from '../rule.js';

/** Seed 001: an account nobody answers for outlives the integration it was made for. */
export const ownerRequired: PolicyRule = {
  id: 'owner-required',
  severity: 'error',
  offline: true,
  title: 'every service account names an owner',
  check: ({ accounts }) =>
    accounts
      .filter((a) => typeof a.fields.manager?.value !== 'string' || a.fields.manager.value === '')
      .map((a) => ({
        account: a.key,
        summary: `${a.key} has no owner: nobody answers for it when its integration changes or breaks`,
        fix: 'add owner: <user_name of the person responsible> to the declaration',
        at: a.fields.manager?.at ?? a.at,
      })),
};
