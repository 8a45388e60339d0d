import type { LiveState, RowVersion } from '../model/live.js';
import type { Change, KindName } from '../plan/change.js';
import { code, escapeMarkdown as esc, formatValue, SYMBOLS } from '../render/values.js';
import { formatMarker } from './marker.js';

/** One drifted record and who last touched it on the instance, when the live rows tell. */
export interface DriftItem {
  readonly change: Change;
  readonly lastChange?: { readonly by: string; readonly on: string };
}

const RECORDS: Partial<Record<KindName, keyof Pick<LiveState, 'accounts' | 'groups' | 'roles' | 'properties'>>> = {
  ServiceAccount: 'accounts',
  Group: 'groups',
  Role: 'roles',
  SecuritySettings: 'properties',
};
const LINKS: Partial<Record<KindName, keyof Pick<LiveState, 'directRoles' | 'memberships' | 'groupRoles' | 'roleContains'>>> = {
  DirectRole: 'directRoles',
  Membership: 'memberships',
  GroupRole: 'groupRoles',
  RoleContains: 'roleContains',
};

/**
 * The row a drifted change is about, as read: the record for a field change, the relation row
 * for a link added by hand. A row deleted by hand is not there to ask; only sys_audit knows.
 */
function versionOf(change: Change, live: LiveState): RowVersion | undefined {
  const records = RECORDS[change.kind];
  if (records) return live[records].find((r) => r.key === change.key)?.version;
  const links = LINKS[change.kind];
  const link = change.link;
  if (links && link) return live[links].find((l) => l.from === link.from && l.to === link.to)?.version;
  return undefined;
}

export function driftItems(changes: readonly Change[], live?: LiveState): DriftItem[] {
  return changes.map((change) => {
    const version = live === undefined ? undefined : versionOf(change, live);
    return version?.updatedBy ? { change, lastChange: { by: version.updatedBy, on: version.updatedOn } } : { change };
  });
}

export interface DriftIssueText {
  readonly title: string;
  readonly body: string;
}

/**
 * The drift issue: marker, what differs from the declarations, who changed it and when. The
 * same drift renders the same text, so an unchanged issue is left alone.
 */
export function renderDriftIssue(instanceName: string, host: string, items: readonly DriftItem[]): DriftIssueText {
  const rows = items.map(({ change: c, lastChange }) => {
    const fields = c.fields.map((f) => `${esc(f.field)}: ${esc(formatValue(f.before))} on the instance, ${esc(formatValue(f.after))} declared`);
    const who = lastChange ? `${esc(lastChange.by)}, ${esc(lastChange.on)}` : 'not in the live row (see sys_audit)';
    return `| ${SYMBOLS[c.action]} ${c.action} | ${esc(c.kind)} ${code(c.key)} | ${fields.join('<br>') || '—'} | ${who} |`;
  });
  const body = [
    formatMarker('snac-drift', { instance: instanceName }),
    `### ${items.length === 1 ? '1 change' : `${items.length} changes`} on ${code(instanceName)} (${esc(host)}) ${items.length === 1 ? 'differs' : 'differ'} from the declarations`,
    '',
    'The instance was changed outside snac. Applying the declarations would undo these:',
    '',
    '| to undo | what | on the instance vs declared | last changed by, when |',
    '|---|---|---|---|',
    ...rows,
    '',
    'Either put the instance back (merge any change to `accounts/`, or run the apply workflow) or, if the change was right, declare it under `accounts/` in a pull request. This issue closes itself when the drift is gone.',
  ].join('\n');
  return { title: `snac: ${instanceName} drifted from the declarations (${items.length} change${items.length === 1 ? '' : 's'})`, body: `${body}\n` };
}
