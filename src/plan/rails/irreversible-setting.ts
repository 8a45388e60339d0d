import { HIGH_SECURITY_SETTINGS } from '../../model/high-security-settings.js';
import { declaredAt, type SafetyRail } from './rail.js';

/** Some High Security Settings cannot be set back once set (the platform's safe harbor). */
export const irreversibleSetting: SafetyRail = {
  code: 'irreversible-setting',
  allowable: true,
  description: 'a High Security Setting that cannot be set back (REST API auth, default deny)',
  check: ({ changes }) => changes.filter((c) => c.kind === 'SecuritySettings').flatMap((change) => {
    const setting = HIGH_SECURITY_SETTINGS.find((s) => s.property === change.key);
    const after = change.fields[0]?.after;
    if (setting?.irreversible === undefined || after !== setting.irreversible) return [];
    return [{
      summary: `setting ${setting.friendlyName} (${setting.property}) to ${after} cannot be undone on this instance`,
      fix: 'make sure every integration authenticates first; then pass --allow irreversible-setting',
      ...declaredAt(change),
      change,
    }];
  }),
};
