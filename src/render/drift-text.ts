import type { Change } from '../plan/change.js';
import type { LastChange } from '../plan/last-change.js';
import { escapeText, guardWorkflowCommands } from './escape.js';
import { formatValue, labelOf, SYMBOLS } from './values.js';

/** One drifted record and who last touched it on the instance (when the live row tells). */
export interface DriftLine {
  readonly change: Change;
  readonly lastChange?: LastChange;
}

/**
 * `snac drift` on a terminal: each change made outside snac, field by field, with who last
 * changed the record and when. No GitHub needed.
 */
export function renderDriftText(instanceName: string, host: string, items: readonly DriftLine[]): string {
  if (items.length === 0) return `snac drift: no drift on ${instanceName} (${host}): the instance matches the declarations.\n`;
  const lines = [`snac drift: ${items.length === 1 ? '1 change' : `${items.length} changes`} on ${instanceName} (${host}) ${items.length === 1 ? 'differs' : 'differ'} from the declarations; applying them would undo:`, ''];
  for (const { change, lastChange } of items) {
    lines.push(`  ${SYMBOLS[change.action]} ${change.action} ${change.kind} ${labelOf(change)}`);
    for (const f of change.fields) lines.push(`      ${f.field}: ${formatValue(f.before)} on the instance, ${formatValue(f.after)} declared`);
    lines.push(`      last changed by ${lastChange ? `${lastChange.by}, ${lastChange.on}` : 'someone the live row does not name (see sys_audit)'}`);
  }
  lines.push('', 'Put the instance back with snac apply, or, if the change was right, declare it under accounts/ in a pull request.');
  // Instance data (names, values, who changed it) is shown escaped, and no line can be a workflow command.
  return `${guardWorkflowCommands(lines.map(escapeText).join('\n'))}\n`;
}
