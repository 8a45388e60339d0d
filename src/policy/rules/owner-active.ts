import type { LiveRecord } from '../../kinds/live.js';
import { naturalKey } from '../../model/keys.js';
import type { PolicyRule } from '../rule.js';

/** Why a person cannot answer for a record, or undefined when they can. */
function unfit(role: string, owner: string, person: LiveRecord | undefined, instance: string): string | undefined {
  if (person === undefined) return `its ${role} ${owner} is not a user on ${instance}`;
  if (person.fields['active'] !== true) return `its ${role} ${owner} is inactive on ${instance}: they may have left the company`;
  if (person.fields['web_service_access_only'] === true) return `its ${role} ${owner} is a non-interactive account, not a person`;
  return undefined;
}

/**
 * The owner must be someone who still works here, on the instance itself; so must a declared
 * group's manager, which the instance would otherwise refuse only when the change is applied.
 */
export const ownerActive: PolicyRule = {
  id: 'owner-active',
  severity: 'error',
  title: 'the owner (and a group\'s manager) is an active person on the instance',
  check: ({ accounts, desired, live, instance }) => {
    const people = new Map(live.people.map((p) => [p.key, p]));
    const owners = accounts.flatMap((a) => {
      const owner = a.fields.manager?.value;
      if (typeof owner !== 'string' || owner === '') return [];
      const why = unfit('owner', owner, people.get(naturalKey(owner)), instance);
      if (why === undefined) return [];
      return [{
        account: a.key,
        summary: `${a.key}: ${why}`,
        fix: 'name an active person who answers for the account as its owner',
        at: a.fields.manager?.at ?? a.at,
      }];
    });
    const managers = desired.records.Group.flatMap((g) => {
      const manager = g.fields.manager?.value;
      if (typeof manager !== 'string' || manager === '') return [];
      const why = unfit('manager', manager, people.get(naturalKey(manager)), instance);
      if (why === undefined) return [];
      const name = g.name ?? g.key;
      return [{
        account: g.key,
        summary: `group ${name}: ${why}`,
        fix: 'name an active person who approves membership as the group\'s manager',
        at: g.fields.manager?.at ?? g.at,
        record: { kind: 'Group', key: g.key },
      }];
    });
    return [...owners, ...managers];
  },
};
