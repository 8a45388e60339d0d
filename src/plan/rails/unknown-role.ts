import { grantsRole } from '../../kinds/access-model.js';
import { declaredAt, type SafetyRail } from './rail.js';

/**
 * A grant of a role the instance does not have cannot be written at all: there is no role row
 * to point at. Allowing it would only move the failure into the apply, half way through, so
 * --allow does not lift it.
 */
export const unknownRole: SafetyRail = {
  code: 'unknown-role',
  allowable: false,
  unallowable: 'the instance has no such role, so no apply could grant it: install the plugin that ships the role, declare it as a Role, or fix the name',
  description: 'a grant names a role the instance does not have',
  check: ({ changes, live }) => {
    const existing = new Set([...live.records.Role.map((r) => r.key), ...changes.filter((c) => c.kind === 'Role' && c.action === 'create').map((c) => c.key)]);
    return changes.flatMap((change) => {
      const role = change.link?.to;
      if (change.action !== 'grant' || !grantsRole(change.kind) || role === undefined || existing.has(role)) return [];
      return [{
        summary: `role "${role}" does not exist on ${live.instance} (${change.kind} ${change.label ?? change.key})`,
        fix: 'install the plugin that ships it, declare it as a custom Role, or fix the name',
        ...declaredAt(change),
      }];
    });
  },
};
