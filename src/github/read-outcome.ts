import { readFile } from 'node:fs/promises';
import type { AppliedItem } from '../apply/apply.js';
import type { ItemOutcome } from '../apply/journal.js';
import { SnacError } from '../diagnostics.js';
import type { Action, Change, KindName } from '../plan/change.js';
import type { ApplyOutcome } from '../render/apply-report.js';

interface OutcomeJson {
  readonly instance: string;
  readonly planHash: string;
  readonly items: readonly { kind: KindName; key: string; action: Action; outcome: ItemOutcome; error?: string }[];
  readonly remaining: readonly { kind: KindName; key: string; action: Action }[];
  readonly unverified?: string;
  readonly notes?: readonly string[];
}

function isOutcomeJson(data: unknown): data is OutcomeJson {
  const o = data as Partial<OutcomeJson> | null;
  const named = (x: unknown) => typeof x === 'object' && x !== null && ['kind', 'key', 'action'].every((k) => typeof (x as Record<string, unknown>)[k] === 'string');
  return (
    typeof o === 'object' && o !== null && typeof o.instance === 'string' && typeof o.planHash === 'string' &&
    Array.isArray(o.items) && o.items.every((i) => named(i) && typeof i.outcome === 'string') &&
    Array.isArray(o.remaining) && o.remaining.every(named)
  );
}

/** The apply report keeps only what identifies a change; that is all its renderers read. */
const change = (c: { kind: KindName; key: string; action: Action }): Change => ({ kind: c.kind, key: c.key, action: c.action, fields: [], origin: 'declared', risk: 'normal', risks: [] });

/** Read what `snac apply --format json` wrote, back into the outcome its renderers take. */
export async function readApplyOutcome(path: string): Promise<ApplyOutcome> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'is not JSON' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new SnacError(`the apply outcome ${path} ${why}`, 'outcome-file', 'pass the file written by snac apply --format json');
  }
  if (!isOutcomeJson(data)) throw new SnacError(`${path} is not an apply outcome`, 'outcome-file', 'pass the file written by snac apply --format json');
  const items: AppliedItem[] = data.items.map((i) => ({ change: change(i), result: { outcome: i.outcome, ...(i.error === undefined ? {} : { error: i.error }) } }));
  return { instance: data.instance, planHash: data.planHash, items, remaining: data.remaining.map(change), ...(typeof data.unverified === 'string' ? { unverified: data.unverified } : {}),
    ...(Array.isArray(data.notes) ? { notes: data.notes.filter((n): n is string => typeof n === 'string') } : {}),
  };
}
