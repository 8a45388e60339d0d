import type { TableWriter } from '../kinds/table-writer.js';
import type { LiveState } from '../kinds/live.js';
import type { Change } from '../plan/change.js';
import { phaseOf } from '../plan/order.js';
import { executeInBatches, type BatchWriter } from './batch.js';
import { executeChange, type ItemResult } from './execute.js';
import type { ItemOutcome, Journal } from './journal.js';
import { SysIdIndex } from './sys-ids.js';

export interface ApplyOptions {
  readonly planHash: string;
  readonly journal: Journal;
  /** Writes in flight at once within a phase (default 4, the API_INT pool of one node). */
  readonly concurrency?: number;
  readonly onItem?: (change: Change, result: ItemResult) => void;
  /** Writes per Batch API request; 0 or 1 (the default) writes one request per change. */
  readonly batchSize?: number;
  readonly now?: () => Date;
  /** Once aborted, no new write starts; writes in flight finish and are journaled. */
  readonly signal?: AbortSignal;
}

export interface AppliedItem {
  readonly change: Change;
  readonly result: ItemResult;
}

export interface ApplyReport {
  readonly items: readonly AppliedItem[];
  readonly counts: Readonly<Record<ItemOutcome, number>>;
  /** Wall time of the writes alone, in milliseconds. */
  readonly elapsedMs: number;
  /** Set when the instance's rate limit stopped the apply: no write started after the first refusal. */
  readonly rateLimited?: { readonly resumeAfter?: string };
}

export const NOT_STARTED: ItemResult = { outcome: 'skipped', error: 'not started: the apply was stopped before this write' };
const NOT_STARTED_LIMITED: ItemResult = { outcome: 'skipped', error: 'not started: the instance\'s rate limit stopped the apply before this write' };

/**
 * Execute changes in plan order: phase by phase (what others refer to first), independent
 * changes of one phase side by side. Every outcome is journaled before the next write of its
 * slot starts. One failing item does not stop the others; its dependents fail with a clear
 * reason because the record they refer to is missing.
 */
export async function applyChanges(api: TableWriter | BatchWriter, changes: readonly Change[], live: LiveState, options: ApplyOptions): Promise<ApplyReport> {
  const started = performance.now();
  const ids = SysIdIndex.fromLive(live);
  const items: AppliedItem[] = [];
  const now = options.now ?? (() => new Date());
  const journal = (change: Change, outcome: ItemResult['outcome'] | 'started', result?: ItemResult) =>
    options.journal.append({
      time: now().toISOString(),
      planHash: options.planHash,
      kind: change.kind,
      key: change.key,
      action: change.action,
      outcome,
      ...(result?.request ? { request: result.request } : {}),
      ...(result?.sysId ? { sysId: result.sysId } : {}),
      ...(result?.error ? { error: result.error } : {}),
    });
  /** Records whose create or update may or may not have committed in this run. */
  const unsettled = new Set<string>();
  let rateLimited: { resumeAfter?: string } | undefined;
  const finish = async (change: Change, written: ItemResult) => {
    const result = dependsOnUnknown(change, written, unsettled);
    if (result.rateLimited) rateLimited = laterOf(rateLimited, result.rateLimited);
    if (result.outcome === 'unknown') unsettled.add(change.key);
    if (result.outcome !== 'skipped' || result.error !== undefined) await journal(change, result.outcome, result);
    items.push({ change, result });
    options.onItem?.(change, result);
  };
  const batchSize = options.batchSize ?? 0;
  const batching = batchSize > 1 && 'batch' in api;

  for (const phase of phasesOf(changes)) {
    const queue = batching ? chunk(phase, batchSize) : phase.map((change) => [change]);
    const worker = async () => {
      for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
        if (options.signal?.aborted || rateLimited) {
          for (const change of group) await finish(change, rateLimited ? NOT_STARTED_LIMITED : NOT_STARTED);
          continue;
        }
        for (const change of group) await journal(change, 'started');
        const results = batching && 'batch' in api ? await executeInBatches(api, group, ids, batchSize) : [await executeChange(api, group[0] as Change, ids)];
        for (const [i, change] of group.entries()) await finish(change, results[i] ?? { outcome: 'unknown', error: 'no result' });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  }
  const counts: Record<ItemOutcome, number> = { ok: 0, adopted: 0, failed: 0, unknown: 0, skipped: 0 };
  for (const item of items) counts[item.result.outcome] += 1;
  return { items, counts, elapsedMs: performance.now() - started, ...(rateLimited ? { rateLimited } : {}) };
}

/**
 * A change that could not even be turned into a request because a record it refers to has no
 * sys_id, when that record's own write in this run has an unknown outcome: it is skipped for
 * that reason (the record may well exist), not failed with "does not exist".
 */
function dependsOnUnknown(change: Change, result: ItemResult, unsettled: ReadonlySet<string>): ItemResult {
  if (result.outcome !== 'failed' || result.request !== undefined || unsettled.size === 0) return result;
  const refersTo = [change.link?.from, change.link?.to, ...change.fields.map((f) => f.after)].filter((k): k is string => typeof k === 'string' && unsettled.has(k));
  if (refersTo.length === 0) return result;
  return { outcome: 'skipped', error: `not written: it depends on ${refersTo.join(', ')}, whose write has an unknown outcome; run snac apply again` };
}

/** Of two rate-limit stops, the one that asks to wait longer. */
function laterOf(a: { resumeAfter?: string } | undefined, b: { resumeAfter?: string }): { resumeAfter?: string } {
  if (a?.resumeAfter === undefined) return b.resumeAfter === undefined ? (a ?? b) : b;
  return b.resumeAfter !== undefined && b.resumeAfter > a.resumeAfter ? b : a;
}

/** Changes grouped by apply phase, phases in order. */
function phasesOf(changes: readonly Change[]): Change[][] {
  const phases = new Map<number, Change[]>();
  for (const change of changes) {
    const list = phases.get(phaseOf(change));
    if (list) list.push(change);
    else phases.set(phaseOf(change), [change]);
  }
  return [...phases.keys()].sort((a, b) => a - b).map((phase) => phases.get(phase) ?? []);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
