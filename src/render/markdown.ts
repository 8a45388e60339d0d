import { formatSourceRef, type SourceRef } from '../diagnostics.js';
import type { Change, Finding, KindName, Plan } from '../plan/change.js';
import { groupFindings } from './finding-groups.js';
import { summaryLine } from './summary.js';
import { afterCreateNote, code, escapeMarkdown as esc, formatValue, kindInWords, labelOf, markerField, originNote, SYMBOLS } from './values.js';

/** GitHub refuses comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  readonly instanceName?: string;
  /** Extra marker fields (head SHA, run id) for the sticky comment. */
  readonly marker?: Readonly<Record<string, string>>;
  /** Where the full plan is when the comment had to be cut (an artifact URL). */
  readonly fullPlanUrl?: string;
  /** Defaults to GitHub's limit; tests use smaller ones. */
  readonly limit?: number;
  /** A link to a declaration's line at the pull request's head commit; without it, file:line as text. */
  readonly sourceLink?: (at: SourceRef) => string;
}

/** The hidden marker that finds the sticky comment again, with the plan it shows. */
export function planMarker(plan: Plan, options: MarkdownOptions): string {
  const fields = { instance: options.instanceName ?? plan.instance, plan: plan.planHash, ...options.marker };
  return `<!-- snac-plan ${Object.entries(fields).map(([k, v]) => `${k}=${markerField(v)}`).join(' ')} -->`;
}

/**
 * The PR comment: summary first, then what is dangerous, then effective access and findings,
 * then details per kind. When it would pass the limit, details are cut first (whole kinds,
 * then rows), the dangerous parts stay, and the comment says where the full plan is.
 */
export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const limit = (options.limit ?? GITHUB_COMMENT_LIMIT) - 200;
  const head = headSection(plan, options);
  const essentials = [dangerSection(plan), accessSection(plan), findingsSection(plan)].filter((s) => s !== '');
  const details = detailSections(plan, options);

  const out: string[] = [head];
  let used = head.length;
  let cut = 0;
  for (const section of essentials) {
    const fitted = fit(section, limit - used - 400);
    out.push(fitted.text);
    used += fitted.text.length;
    cut += fitted.cut;
  }
  for (const section of details) {
    if (used + section.text.length <= limit - 400) {
      out.push(section.text);
      used += section.text.length;
    } else {
      cut += section.count;
    }
  }
  if (cut > 0) {
    const where = options.fullPlanUrl ? `[the full plan](${options.fullPlanUrl})` : 'the full plan in this run\'s `snac-plan` artifact';
    out.push(`> [!NOTE]\n> This comment was cut to stay under GitHub's size limit: ${cut} rows are not shown. See ${where}.`);
  }
  out.push(mergeLine(plan, options));
  out.push(`<sub>live fingerprint \`${plan.liveFingerprint.slice(0, 12)}\` · plan \`${plan.planHash.slice(0, 12)}\`</sub>`);
  return `${out.join('\n\n')}\n`;
}

function headSection(plan: Plan, options: MarkdownOptions): string {
  const name = options.instanceName ? `${code(options.instanceName)} (${esc(plan.instance)})` : esc(plan.instance);
  const lines = [planMarker(plan, options), `### snac plan for ${name}`, '', `**${esc(summaryLine(plan))}**`];
  const blocking = plan.findings.filter((f) => f.blocking);
  if (blocking.length > 0) {
    lines.push('', '> [!CAUTION]', `> ${blocking.length} blocking finding${blocking.length === 1 ? '' : 's'}: this plan cannot be applied until ${blocking.length === 1 ? 'it is' : 'they are'} resolved or explicitly allowed.`);
  }
  return lines.join('\n');
}

function dangerSection(plan: Plan): string {
  const risky = plan.changes.filter((c) => c.risk === 'high');
  if (risky.length === 0) return '';
  const rows = risky.map((c) => `| ${SYMBOLS[c.action]} ${c.action} | ${esc(kindInWords(c.kind))} ${code(labelOf(c))} | ${c.risks.map((r) => (r.justification === undefined ? esc(r.summary) : `${esc(r.summary)}, declared privileged because: “${esc(r.justification)}”`)).join('<br>')} |`);
  return ['#### ⚠️ Destructive and privileged changes', '', '| action | what | why it matters |', '|---|---|---|', ...rows].join('\n');
}

function accessSection(plan: Plan): string {
  if (plan.access.length === 0) return '';
  const roles = (list: readonly string[], privileged: readonly string[]) =>
    list.map((r) => (privileged.includes(r) ? `**${esc(r)}** (privileged)` : esc(r))).join(', ') || '—';
  const ordered = [...plan.access].sort((a, b) => Number(b.privilegedGained.length > 0) - Number(a.privilegedGained.length > 0));
  const rows = ordered.map((a) => `| ${code(a.account)} | ${roles(a.gained, a.privilegedGained)} | ${roles(a.lost, a.privilegedLost)} |`);
  return ['#### Effective access', '', '| account | gains | loses |', '|---|---|---|', ...rows].join('\n');
}

function findingsSection(plan: Plan): string {
  if (plan.findings.length === 0) return '';
  const where = (f: Finding) => (f.at ? ` (${esc(formatSourceRef(f.at))})` : '');
  const fix = (f: Finding) => (f.fix ? ` — ${esc(f.fix)}` : '');
  const mark = (f: Finding) => (f.blocking ? '⛔' : '⚠️');
  // Findings sharing their fix (nineteen unreadable settings) show it once, each finding under it.
  const rows = groupFindings(plan.findings).flatMap((entry) => {
    if ('finding' in entry) return [`- ${mark(entry.finding)} ${code(entry.finding.code)}${where(entry.finding)}: ${esc(entry.finding.summary)}${fix(entry.finding)}`];
    const [first] = entry.group;
    return [`- ${mark(first)} ${code(first.code)} ×${entry.group.length}${fix(first)}`, ...entry.group.map((f) => `  - ${esc(f.summary)}${where(f)}`)];
  });
  return ['#### Findings', '', ...rows].join('\n');
}

function detailSections(plan: Plan, options: MarkdownOptions): { text: string; count: number }[] {
  const byKind = new Map<string, Change[]>();
  for (const change of plan.changes) {
    const list = byKind.get(change.kind);
    if (list) list.push(change);
    else byKind.set(change.kind, [change]);
  }
  return [...byKind].map(([kind, changes]) => {
    const rows = changes.map((c) => {
      const fields = c.fields.map((f) => (c.action === 'create' ? `${esc(f.field)}: ${esc(formatValue(f.after))}` : `${esc(f.field)}: ${esc(formatValue(f.before))} → ${esc(formatValue(f.after))}`));
      const note = originNote(c);
      const then = afterCreateNote(c);
      const where = c.at ? declaredAt(c.at, options) : '';
      return `| ${SYMBOLS[c.action]} ${c.action} | ${code(labelOf(c))} | ${[...fields, ...(note ? [`_${esc(note)}_`] : []), ...(then ? [`_${esc(then)}_`] : [])].join('<br>') || '—'} | ${where} |`;
    });
    const text = [`<details><summary>${esc(kindPlural(kind as KindName, changes.length))}</summary>`, '', '| action | key | fields | declared at |', '|---|---|---|---|', ...rows, '', '</details>'].join('\n');
    return { text, count: changes.length };
  });
}

/** file:line, linked to the line at the pull request's head when the caller knows the repository. */
function declaredAt(at: SourceRef, options: MarkdownOptions): string {
  const text = esc(formatSourceRef(at));
  return options.sourceLink ? `[${text}](${options.sourceLink(at)})` : text;
}

/** "3 role grants", "1 service account". */
function kindPlural(kind: KindName, n: number): string {
  const words = kindInWords(kind);
  return `${n} ${n === 1 ? words : `${words}s`}`;
}

/** The last line: what merging the pull request will do on this instance. */
function mergeLine(plan: Plan, options: MarkdownOptions): string {
  const name = code(options.instanceName ?? plan.instance);
  if (plan.findings.some((f) => f.blocking)) return `**Merging will change nothing on ${name}: the apply refuses a plan with blocking findings.**`;
  if (plan.changes.length === 0) return `**Merging changes nothing on ${name}.**`;
  return `**Merging applies exactly ${plan.changes.length === 1 ? 'this change' : `these ${plan.changes.length} changes`} to ${name}, and refuses if the instance changed since this plan.**`;
}

/** A table section cut to a budget: header kept, rows dropped from the end, the count returned. */
function fit(section: string, budget: number): { text: string; cut: number } {
  if (section.length <= budget) return { text: section, cut: 0 };
  const lines = section.split('\n');
  const kept: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    if (used + line.length + 1 > budget) return { text: kept.join('\n'), cut: lines.length - index };
    kept.push(line);
    used += line.length + 1;
  }
  return { text: kept.join('\n'), cut: 0 };
}
