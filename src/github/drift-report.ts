import type { LiveState } from '../kinds/live.js';
import type { Change } from '../plan/change.js';
import { lastChangeOf, type LastChange } from '../plan/last-change.js';
import { code, escapeMarkdown as esc, formatValue, SYMBOLS } from '../render/values.js';
import { formatMarker } from './marker.js';

/** One drifted record and who last touched it on the instance, when the live rows tell. */
export interface DriftItem {
  readonly change: Change;
  readonly lastChange?: LastChange;
}

export function driftItems(changes: readonly Change[], live?: LiveState): DriftItem[] {
  return changes.map((change) => {
    const lastChange = live === undefined ? undefined : lastChangeOf(change, live);
    return lastChange === undefined ? { change } : { change, lastChange };
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
  const body = `${formatMarker('snac-drift', { instance: instanceName })}\n${renderDriftMarkdown(instanceName, host, items)}`;
  return { title: `snac: ${instanceName} drifted from the declarations (${items.length} change${items.length === 1 ? '' : 's'})`, body };
}

/** The drift as markdown: what differs from the declarations, who changed it and when (the issue's text, and `snac drift --format markdown`). */
export function renderDriftMarkdown(instanceName: string, host: string, items: readonly DriftItem[]): string {
  const rows = items.map(({ change: c, lastChange }) => {
    const fields = c.fields.map((f) => `${esc(f.field)}: ${esc(formatValue(f.before))} on the instance, ${esc(formatValue(f.after))} declared`);
    const who = lastChange ? `${esc(lastChange.by)}, ${esc(lastChange.on)}` : 'not in the live row (see sys_audit)';
    return `| ${SYMBOLS[c.action]} ${c.action} | ${esc(c.kind)} ${code(c.key)} | ${fields.join('<br>') || '—'} | ${who} |`;
  });
  const body = [
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
  return `${body}\n`;
}
