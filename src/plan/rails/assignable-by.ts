import { assignableGaps, rolesGranted } from '../assignable.js';
import { declaredAt, type Breach, type SafetyRail } from './rail.js';

const REFUSAL = '403 "User Is Not Authorized To Perform This Action"';

/**
 * Grants the applying account cannot make: the instance would refuse them half way through the
 * apply. When that account is outside the scope its roles are unknown, and the finding is a
 * warning that says how to check.
 */
export const assignableBy: SafetyRail = {
  code: 'assignable-by',
  allowable: true,
  description: 'a grant brings a role whose *Assignable by* role the applying account does not hold: the instance would refuse it with 403 "User Is Not Authorized To Perform This Action"',
  check: ({ changes, after, granter }) => {
    if (granter === undefined) return [];
    // The applying account's roles are known only when it was read (in scope).
    const known = granter.roles !== undefined;
    return changes.filter((change) => change.action === 'grant').flatMap((change): Breach[] => {
      const gaps = assignableGaps(after, rolesGranted(change, after), granter.roles ?? new Set());
      if (gaps.length === 0) return [];
      const brings = gaps.map((g) => `${g.role} (assignable by ${g.assignableBy})`).join(', ');
      const needed = [...new Set(gaps.map((g) => g.assignableBy))].join(' and ');
      return [{
        summary: known
          ? `${change.label ?? change.key} brings ${brings}, and ${granter.name} holds none of those: the instance will refuse it with ${REFUSAL}`
          : `${change.label ?? change.key} brings ${brings}; ${granter.name} is outside the scope, so whether it holds ${needed} is unknown: without it the instance refuses with ${REFUSAL}`,
        fix: known
          ? `give ${granter.name} ${needed} through its group, or have a holder make this change; pass --allow assignable-by to apply the rest anyway`
          : `check with \`snac audit\`, which reads ${granter.name}'s roles`,
        ...declaredAt(change),
        record: { kind: change.kind, key: change.key },
        ...(known ? {} : { unsure: true as const }),
      }];
    });
  },
};
