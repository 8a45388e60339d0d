import type { LiveRecord } from '../../kinds/live.js';
import type { PolicyRule } from '../rule.js';

/** Why a person cannot own an account, or undefined when they can. */
function unfit(owner: string, person: LiveRecord | undefined, instance: string): string | undefined {
  if (person === undefined) return `its owner ${owner} is not a user on ${instance}`;
  if (person.fields['active'] !== true) return `its owner ${owner} is inactive on ${instance}: they may have left the company`;
  if (person.fields['web_service_access_only'] === true) return `its owner ${owner} is a non-interactive account, not a person`;
  return undefined;
}

/** Seed 001: the owner must be someone who still works here, on the instance itself. */
export const ownerActive: PolicyRule = {
  id: 'owner-active',
  severity: 'error',
  title: 'the owner is an active person on the instance',
  check: ({ accounts, live, instance }) => {
    const people = new Map(live.people.map((p) => [p.key, p]));
    return accounts.flatMap((a) => {
      const owner = a.fields.manager?.value;
      if (typeof owner !== 'string' || owner === '') return [];
      const why = unfit(owner, people.get(owner), instance);
      if (why === undefined) return [];
      return [{
        account: a.key,
        summary: `${a.key}: ${why}`,
        fix: 'name an active person who answers for the account as its owner',
        at: a.fields.manager?.at ?? a.at,
      }];
    });
  },
};
