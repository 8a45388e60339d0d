import type { Change } from '../plan/change.js';
import type { LastChange } from '../plan/last-change.js';
import { formatValue, labelOf, SYMBOLS } from './values.js';

/** One drifted record and who last touched it on the instance (when the live row tells). */
export interface DriftLine {
  readonly change: Change;
  readonly lastChange?: LastChange;
}

/** Instance text on a terminal: control characters (escape sequences, line breaks) shown as "?". */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/**
 * `snac drift` on a terminal: each change made outside snac, field by field, with who last
 * changed the record and when. No GitHub needed.
 */
export function renderDriftText(instanceName: string, host: string, items: readonly DriftLine[]): string {
  if (items.length === 0) return `snac drift: no drift on ${instanceName} (${host}): the instance matches the declarations.\n`;
  const lines = [`snac drift: ${items.length === 1 ? '1 change' : `${items.length} changes`} on ${instanceName} (${host}) ${items.length === 1 ? 'differs' : 'differ'} from the declarations; applying them would undo:`, ''];
  for (const { change, lastChange } of items) {
    lines.push(`  ${SYMBOLS[change.action]} ${change.action} ${change.kind} ${printable(labelOf(change))}`);
    for (const f of change.fields) lines.push(`      ${f.field}: ${printable(formatValue(f.before))} on the instance, ${printable(formatValue(f.after))} declared`);
    lines.push(`      last changed by ${lastChange ? `${printable(lastChange.by)}, ${printable(lastChange.on)}` : 'someone the live row does not name (see sys_audit)'}`);
  }
  lines.push('', 'Put the instance back with snac apply, or, if the change was right, declare it under accounts/ in a pull request.');
  return `${lines.join('\n')}\n`;
}
