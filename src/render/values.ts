import type { Scalar } from '../model/scalar.js';
import { isLinkKindName } from '../kinds/names.js';
import { LINK_KINDS, RECORD_KINDS } from '../kinds/registry.js';
import type { Action, Change, KindName } from '../plan/change.js';
import { flattenLine } from './escape.js';

/** A value as a reviewer reads it: strings quoted, absent as "(none)". */
export function formatValue(value: Scalar): string {
  if (value === null) return '(none)';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/**
 * Escape text for a markdown table cell or paragraph: no table breaks, no HTML (so no `<!--`
 * that hides what follows, no entity that spells a control), no mentions, no line breaks of
 * any kind, and controls and bidi overrides shown as their codes (`\x1b`, `\u202e`).
 */
export function escapeMarkdown(text: string): string {
  // Codes first (their backslash is then escaped, so `\x1b` reads as written); the zero-width
  // space that keeps an @ from mentioning anyone is added last, so it is not shown as a code.
  return flattenLine(text)
    .replace(/\\/g, '\\\\')
    .replace(/[|`*_[\]<>#~&]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b');
}

/** A hidden marker's field value: no spaces, dashes or `>`, which could end the HTML comment early. */
export function markerField(value: string): string {
  return value.replace(/[\s>-]/g, '_');
}

/**
 * A code span that is safe in a table cell: backticks cannot close it, pipes cannot split the
 * row, no line breaks, no `<!--` (shown `\x3c!--`), and controls and bidi overrides shown as
 * their codes.
 */
export function code(text: string): string {
  return `\`${flattenLine(text.replace(/`/g, "'")).replace(/\|/g, '\\|').replace(/<!--/g, '\\x3c!--')}\``;
}

export const SYMBOLS: Record<Action, string> = {
  create: '+',
  update: '~',
  deactivate: '-',
  delete: '-',
  grant: '+',
  revoke: '-',
  set: '~',
};

/** A kind in people's words ("membership", "role grant"), as its descriptor names it. */
export function kindInWords(kind: KindName): string {
  return isLinkKindName(kind) ? LINK_KINDS[kind].human : RECORD_KINDS[kind].human;
}

/** "svc_a", "svc_a → itil": what a change is about, in one line. */
export function describeChange(change: Change): string {
  return `${change.kind} ${labelOf(change)}`;
}

/** The change's key as people write it. */
export function labelOf(change: Change): string {
  return change.label ?? change.key;
}

export function originNote(change: Change): string | undefined {
  if (change.origin === 'drift') return 'drift: changed on the instance by hand, put back as declared';
  if (change.origin === 'prune') return 'in scope but no longer declared';
  if (change.origin === 'duplicate') return 'the instance holds this link more than once: the extra row is removed, the oldest kept';
  return undefined;
}

/** What a person must do after this create, when the kind says so (an OAuth client's secret). */
export function afterCreateNote(change: Pick<Change, 'kind' | 'action'>): string | undefined {
  if (change.action !== 'create' || isLinkKindName(change.kind)) return undefined;
  const note = RECORD_KINDS[change.kind].afterCreate;
  return note === undefined ? undefined : `then: ${note}`;
}
