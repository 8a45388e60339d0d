import type { AppliedItem } from '../apply/apply.js';
import type { ItemOutcome } from '../apply/journal.js';
import type { Change } from '../plan/change.js';
import { canonicalJson } from '../plan/canonical-json.js';
import { escapeText, guardWorkflowCommands } from './escape.js';
import { afterCreateNote, code, escapeMarkdown as esc, labelOf, markerField } from './values.js';

/** The outcome of an apply: per item, and whether the instance now matches the declarations. */
export interface ApplyOutcome {
  readonly instance: string;
  readonly planHash: string;
  readonly items: readonly AppliedItem[];
  /** Changes a fresh plan still shows after applying; empty when converged. */
  readonly remaining: readonly Change[];
  /** Why the instance could not be read again after writing (then `remaining` is not known). */
  readonly unverified?: string;
  /** Lines about the run as a whole: a resumed plan, a stop for a rate limit. */
  readonly notes?: readonly string[];
}

const converged = (outcome: ApplyOutcome) => outcome.unverified === undefined && outcome.remaining.length === 0;

const MARK: Record<ItemOutcome, string> = { ok: '✓', adopted: '✓', skipped: '·', failed: '✗', unknown: '?' };
const NOTE: Record<ItemOutcome, string> = {
  ok: '',
  adopted: 'the write had committed although its response was lost; adopted, not repeated',
  skipped: 'not written',
  failed: '',
  unknown: 'the outcome is unknown: run snac apply again, it reads back before writing',
};

/** The note of an item: its error, what its outcome means, or what a person must do next. */
function detailOf({ change, result }: AppliedItem): string {
  const done = result.outcome === 'ok' || result.outcome === 'adopted';
  return [result.error ?? NOTE[result.outcome], done ? afterCreateNote(change) : undefined].filter((d) => d !== undefined && d !== '').join('; ');
}

function counts(outcome: ApplyOutcome): string {
  const tally = (o: ItemOutcome) => outcome.items.filter((i) => i.result.outcome === o).length;
  const done = tally('ok') + tally('adopted');
  const parts = [`${done} applied`, tally('skipped') ? `${tally('skipped')} not written` : '', tally('failed') ? `${tally('failed')} failed` : '', tally('unknown') ? `${tally('unknown')} unknown` : ''];
  const state =
    outcome.unverified !== undefined
      ? `the instance could not be read again to confirm it matches the declarations (${outcome.unverified}); run snac plan to see what is left`
      : converged(outcome)
        ? 'the instance matches the declarations'
        : `${outcome.remaining.length} changes did not converge`;
  return `Apply: ${parts.filter((p) => p !== '').join(', ')}; ${state}.`;
}

export function renderApplyText(outcome: ApplyOutcome): string {
  const lines = [`snac apply on ${outcome.instance}`, ''];
  for (const item of outcome.items) {
    const { change, result } = item;
    const detail = detailOf(item);
    lines.push(`  ${MARK[result.outcome]} ${change.action} ${change.kind} ${labelOf(change)}${detail ? `: ${detail}` : ''}`);
  }
  if (outcome.remaining.length > 0) {
    lines.push('', 'Still different after applying:');
    for (const change of outcome.remaining) lines.push(`  ${change.action} ${change.kind} ${labelOf(change)}`);
  }
  if (outcome.notes?.length) lines.push('', ...outcome.notes);
  lines.push('', counts(outcome));
  return `${guardWorkflowCommands(lines.map(escapeText).join('\n'))}\n`;
}

export function renderApplyMarkdown(outcome: ApplyOutcome): string {
  const rows = outcome.items.map((item) => `| ${MARK[item.result.outcome]} ${item.result.outcome} | ${item.change.action} | ${esc(item.change.kind)} ${code(labelOf(item.change))} | ${esc(detailOf(item))} |`);
  const lines = [`<!-- snac-apply instance=${markerField(outcome.instance)} plan=${markerField(outcome.planHash)} -->`, `### snac apply on ${esc(outcome.instance)}`, '', `**${esc(counts(outcome))}**`];
  if (outcome.notes?.length) lines.push('', ...outcome.notes.map((note) => esc(note)));
  if (rows.length > 0) lines.push('', '| outcome | action | what | detail |', '|---|---|---|---|', ...rows);
  if (outcome.remaining.length > 0) lines.push('', '#### Still different after applying', '', ...outcome.remaining.map((c) => `- ${c.action} ${esc(c.kind)} ${code(labelOf(c))}`));
  return `${lines.join('\n')}\n`;
}

export function renderApplyJson(outcome: ApplyOutcome): string {
  return `${canonicalJson({
    formatVersion: 1,
    instance: outcome.instance,
    planHash: outcome.planHash,
    items: outcome.items.map(({ change, result }) => ({ kind: change.kind, key: change.key, action: change.action, ...result })),
    remaining: outcome.remaining.map((c) => ({ kind: c.kind, key: c.key, action: c.action })),
    converged: converged(outcome),
    ...(outcome.unverified === undefined ? {} : { unverified: outcome.unverified }),
    ...(outcome.notes?.length ? { notes: outcome.notes } : {}),
  }, 2)}\n`;
}
