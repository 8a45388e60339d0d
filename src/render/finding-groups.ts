import { formatDiagnostic, formatSourceRef, type Diagnostic } from '../diagnostics.js';
import { escapeText } from './escape.js';

/** From this many findings with the same code and fix, a view shows the fix once. */
const GROUP_FROM = 3;

type Shown = Diagnostic & { readonly blocking?: boolean };

/** A finding shown on its own, or several that share code, severity, blocking and fix. */
export type FindingEntry<T extends Shown> = { readonly finding: T } | { readonly group: readonly [T, ...T[]] };

/**
 * Findings in their order, those sharing code, severity, blocking and fix (nineteen unreadable
 * settings, say) gathered into one group where the first of them stood. Nothing is left out.
 */
export function groupFindings<T extends Shown>(findings: readonly T[]): FindingEntry<T>[] {
  const keyOf = (f: T) => [f.severity, f.code, f.blocking === true, f.fix ?? ''].join('\u0000');
  const groups = new Map<string, T[]>();
  for (const finding of findings) groups.set(keyOf(finding), [...(groups.get(keyOf(finding)) ?? []), finding]);
  const entries: FindingEntry<T>[] = [];
  const shown = new Set<string>();
  for (const finding of findings) {
    const key = keyOf(finding);
    const group = groups.get(key) ?? [finding];
    if (group.length < GROUP_FROM) entries.push({ finding });
    else if (!shown.has(key)) {
      shown.add(key);
      entries.push({ group: [finding, ...group.slice(1)] });
    }
  }
  return entries;
}

/** Findings as terminal lines: a group shows its fix once, on a head line, each finding under it. */
export function findingLines(findings: readonly Shown[]): { readonly text: string; readonly blocking: boolean }[] {
  return groupFindings(findings).flatMap((entry) => {
    if ('finding' in entry) return [{ text: formatDiagnostic(entry.finding), blocking: entry.finding.blocking === true }];
    const [first] = entry.group;
    const blocking = first.blocking === true;
    return [
      { text: escapeText(`${first.severity} [${first.code}] ×${entry.group.length}${first.fix ? `, each: ${first.fix}` : ''}`), blocking },
      ...entry.group.map((member) => ({ text: `  ${escapeText(`${member.at ? `${formatSourceRef(member.at)} ` : ''}${member.summary}`)}`, blocking })),
    ];
  });
}
