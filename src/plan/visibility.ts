import type { DeclaredRecord } from '../kinds/kind.js';
import type { LiveState } from '../kinds/live.js';
import { RECORD_KIND_NAMES } from '../kinds/names.js';
import { RECORD_KINDS } from '../kinds/registry.js';
import { HIGH_SECURITY_BY_PROPERTY } from '../model/high-security-settings.js';
import type { DesiredState } from '../kinds/desired.js';
import type { Finding } from './change.js';

/**
 * What the account that read the instance could not see, said honestly and never guessed: a
 * declared record whose row may be hidden (High Security properties carry read_roles=admin),
 * a declared field a row did not carry, rows of reference tables the plan went on without.
 * Warnings only: nothing unknown is planned, so nothing unknown is written.
 */
export function visibilityFindings(desired: DesiredState, live: LiveState, instanceName: string | undefined): Finding[] {
  const reader = live.readAs ?? "snac's account";
  const findings: Finding[] = [];
  const warn = (code: string, summary: string, fix: string, extra: Partial<Finding>) => findings.push({ severity: 'warning', code, summary, fix, blocking: false, ...extra });

  for (const name of RECORD_KIND_NAMES) {
    const kind = RECORD_KINDS[name];
    const declared = new Map<string, DeclaredRecord>(kind.declared(desired, instanceName).map((d) => [d.key, d]));
    for (const key of live.unreadable?.[name] ?? []) {
      const record = declared.get(key);
      if (record === undefined) continue;
      const setting = name === 'SecuritySettings' ? HIGH_SECURITY_BY_PROPERTY.get(key) : undefined;
      const label = setting === undefined ? `${kind.human} ${record.name}` : `${setting.friendlyName} (${setting.property})`;
      warn('unknown-setting', `unknown: ${label} is not readable by ${reader}; not compared, not set`,
        setting === undefined ? `check it as an admin with \`snac audit\`, or give ${reader} read access to ${kind.table}` : 'check it as an admin with `snac audit` (High Security properties are readable by admin only)',
        { at: record.at, record: { kind: name, key } });
    }
    const liveByKey = new Map(live.records[name].map((r) => [r.key, r]));
    for (const record of declared.values()) {
      const unknown = (liveByKey.get(record.key)?.unknown ?? []).filter((field) => record.fields[field] !== undefined);
      if (unknown.length === 0) continue;
      warn('unknown-field', `unknown: ${unknown.join(', ')} of ${kind.human} ${record.name} ${unknown.length === 1 ? 'is' : 'are'} not in what ${reader} reads of ${kind.table}, so this plan neither compares nor writes ${unknown.length === 1 ? 'it' : 'them'}`,
        unknown.includes('identity_type')
          ? 'identity_type exists on Xanadu and later: on an older instance there is nothing to manage; otherwise a field ACL hides it from the reader'
          : `a field-level ACL hides ${unknown.length === 1 ? 'it' : 'them'} from ${reader}: grant it read access to the field`,
        { at: record.at, record: { kind: name, key: record.key } });
    }
  }
  for (const rows of live.hidden ?? []) {
    warn('hidden-rows', `${rows.count} row${rows.count === 1 ? '' : 's'} of ${rows.table} hidden from ${reader}: ${rows.why}`, 'nothing to do unless the plan should see them', {});
  }
  return findings;
}
