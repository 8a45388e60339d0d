import { grantsRole } from '../../kinds/access-model.js';
import { HIGH_SECURITY_SETTINGS } from '../../model/high-security-settings.js';
import { declaredAt, type Breach, type SafetyRail } from './rail.js';

/**
 * Granting or revoking an elevated role (security_admin), and writing a High Security Setting,
 * need a session elevated to security_admin, which a REST session never is: the instance would
 * refuse the write, so the finding gives the manual steps instead.
 */
export const needsElevation: SafetyRail = {
  code: 'needs-elevation',
  allowable: true,
  description: 'a High Security Setting or an elevated role (security_admin) would change: REST sessions never elevate, so the finding gives the manual steps',
  check: ({ changes, live }) => {
    const elevated = new Set(live.records.Role.filter((r) => r.fields['elevated_privilege'] === true).map((r) => r.key));
    const roles = changes.flatMap((change): Breach[] => {
      const role = change.link?.to;
      if (!grantsRole(change.kind) || role === undefined || !elevated.has(role)) return [];
      return [{
        summary: `${change.action} of ${role} (${change.label ?? change.key}) needs an elevated security_admin session, which a REST session never is`,
        fix: `do it by hand: log in as security_admin, elevate (user menu > Elevate role), and ${change.action} the role; or pass --allow needs-elevation if this instance lets REST sessions do it`,
        ...declaredAt(change),
        record: { kind: change.kind, key: change.key },
        change,
      }];
    });
    const settings = changes.filter((c) => c.kind === 'SecuritySettings').flatMap((change): Breach[] => {
      const named = HIGH_SECURITY_SETTINGS.some((s) => s.property === change.key);
      const property = live.records.SecuritySettings.find((p) => p.key === change.key);
      const writeRoles = String(property?.fields['write_roles'] ?? (named ? 'security_admin' : ''));
      if (!writeRoles.split(',').map((r) => r.trim()).includes('security_admin')) return [];
      return [{
        summary: `${change.key} is writable only by an elevated security_admin, which a REST session never is`,
        fix: 'set it by hand: log in as security_admin, elevate (user menu > Elevate role), open System Security > High Security Settings and set it; or pass --allow needs-elevation if this instance lets REST sessions write it',
        ...declaredAt(change),
        change,
      }];
    });
    return [...roles, ...settings];
  },
};
