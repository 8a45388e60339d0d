import { formatSourceRef } from '../diagnostics.js';
import type { Change, Plan } from '../plan/change.js';
import { escapeText, guardWorkflowCommands } from './escape.js';
import { findingLines } from './finding-groups.js';
import { summaryLine } from './summary.js';
import { afterCreateNote, describeChange, formatValue, originNote, SYMBOLS } from './values.js';

export interface TextOptions {
  /** ANSI colours: only on a TTY, never when NO_COLOR is set (the caller decides). */
  readonly color: boolean;
  /** The instance's name in snac.yaml, when there is one. */
  readonly instanceName?: string;
}

const ANSI = { green: 32, yellow: 33, red: 31, bold: 1, dim: 2 } as const;

/**
 * The terminal view of a plan, terraform-like: one block per change, then access, findings,
 * summary. Every piece of text is escaped (controls and bidi characters shown as their codes)
 * before colour is added, and no line starts with `::`: record names from the instance cannot
 * move the cursor, forge lines, or issue workflow commands in a GitHub Actions log.
 */
export function renderText(plan: Plan, options: TextOptions): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `\u001b[${ANSI[code]}m${escapeText(text)}\u001b[0m` : escapeText(text));
  const colorOf = (change: Change): keyof typeof ANSI =>
    SYMBOLS[change.action] === '+' ? 'green' : SYMBOLS[change.action] === '-' ? 'red' : 'yellow';
  const name = options.instanceName ? `${options.instanceName} (${plan.instance})` : plan.instance;
  const lines: string[] = [paint('bold', `snac plan for ${name}`), ''];

  for (const change of plan.changes) {
    const head = `${SYMBOLS[change.action]} ${change.action} ${describeChange(change)}`;
    const where = change.at ? paint('dim', `  ${formatSourceRef(change.at)}`) : '';
    lines.push(`  ${paint(colorOf(change), head)}${where}`);
    const note = originNote(change);
    if (note) lines.push(`      ${paint('dim', note)}`);
    for (const field of change.fields) {
      const value = change.action === 'create' ? formatValue(field.after) : `${formatValue(field.before)} → ${formatValue(field.after)}`;
      lines.push(`      ${escapeText(`${field.field}: ${value}`)}`);
    }
    for (const risk of change.risks) lines.push(`      ${paint('red', `! ${risk.summary}`)}`);
    const then = afterCreateNote(change);
    if (then) lines.push(`      ${paint('dim', then)}`);
  }

  const risky = plan.changes.filter((c) => c.risk === 'high');
  if (risky.length > 0) {
    lines.push('', paint('bold', 'Destructive and privileged changes:'));
    for (const change of risky) lines.push(`  ${paint('red', `${SYMBOLS[change.action]} ${change.action} ${describeChange(change)}: ${change.risks.map((r) => r.summary).join('; ')}`)}`);
  }

  if (plan.access.length > 0) {
    lines.push('', paint('bold', 'Effective access:'));
    for (const a of plan.access) {
      const mark = (role: string, sign: string, privileged: readonly string[]) => `${sign}${role}${privileged.includes(role) ? ' (privileged)' : ''}`;
      const roles = [...a.gained.map((r) => mark(r, '+', a.privilegedGained)), ...a.lost.map((r) => mark(r, '-', a.privilegedLost))];
      lines.push(`  ${escapeText(`${a.account}: ${roles.join(', ')}`)}`);
    }
  }

  if (plan.findings.length > 0) {
    lines.push('', paint('bold', 'Findings:'));
    for (const line of findingLines(plan.findings)) lines.push(`  ${paint(line.blocking ? 'red' : 'yellow', line.text)}`);
  }

  lines.push('', paint('bold', summaryLine(plan)));
  const blocking = plan.findings.filter((f) => f.blocking).length;
  if (blocking > 0) lines.push(paint('red', `${blocking} blocking finding${blocking === 1 ? '' : 's'}: this plan cannot be applied as it is.`));
  return `${guardWorkflowCommands(lines.join('\n'))}\n`;
}
