import { formatDiagnostic, formatSourceRef, type Diagnostic } from '../diagnostics.js';
import { escapeText } from './escape.js';

/** From this many findings with the same code and fix, the terminal shows the fix once. */
const GROUP_FROM = 3;

type Shown = Diagnostic & { readonly blocking?: boolean };

/**
 * Findings as terminal lines, in their order: one line each, except that findings sharing code,
 * severity, blocking and fix (nineteen unreadable settings, say) show that fix once, on a head
 * line, with one line per finding under it, where the first of them stood. Nothing is left out.
 */
export function findingLines(findings: readonly Shown[]): { readonly text: string; readonly blocking: boolean }[] {
  const keyOf = (f: Shown) => [f.severity, f.code, f.blocking === true, f.fix ?? ''].join('\u0000');
  const groups = new Map<string, Shown[]>();
  for (const finding of findings) groups.set(keyOf(finding), [...(groups.get(keyOf(finding)) ?? []), finding]);
  const lines: { text: string; blocking: boolean }[] = [];
  const shown = new Set<string>();
  for (const finding of findings) {
    const key = keyOf(finding);
    const group = groups.get(key) ?? [finding];
    const blocking = finding.blocking === true;
    if (group.length < GROUP_FROM) {
      lines.push({ text: formatDiagnostic(finding), blocking });
      continue;
    }
    if (shown.has(key)) continue;
    shown.add(key);
    lines.push({ text: escapeText(`${finding.severity} [${finding.code}] ×${group.length}${finding.fix ? `, each: ${finding.fix}` : ''}`), blocking });
    for (const member of group) lines.push({ text: `  ${escapeText(`${member.at ? `${formatSourceRef(member.at)} ` : ''}${member.summary}`)}`, blocking });
  }
  return lines;
}
