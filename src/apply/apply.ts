import type { TableWriter } from '../kinds/table-writer.js';
import type { LiveState } from '../model/live.js';
import type { Change } from '../plan/change.js';
import { phaseOf } from '../plan/order.js';
import { executeChange, type ItemResult } from './execute.js';
import { changeId, type ItemOutcome, type Journal } from './journal.js';
import { SysIdIndex } from './sys-ids.js';

export interface ApplyOptions {
  readonly planHash: string;
  readonly journal: Journal;
  /** Changes not to write (already journaled); normally empty, as the fresh plan omits them. */
  readonly done?: ReadonlySet<string>;
  /** Writes in flight at once within a phase (default 4, the API_INT pool of one node). */
  readonly concurrency?: number;
  readonly onItem?: (change: Change, result: ItemResult) => void;
  readonly now?: () => Date;
}

export interface AppliedItem {
  readonly change: Change;
  readonly result: ItemResult;
}

export interface ApplyReport {
  readonly items: readonly AppliedItem[];
  readonly counts: Readonly<Record<ItemOutcome, number>>;
}

/**
 * Execute changes in plan order: phase by phase (what others refer to first), independent
 * changes of one phase side by side. Every outcome is journaled before the next write of its
 * slot starts. One failing item does not stop the others; its dependents fail with a clear
 * reason because the record they refer to is missing.
 */
export async function applyChanges(api: TableWriter, changes: readonly Change[], live: LiveState, options: ApplyOptions): Promise<ApplyReport> {
  const ids = SysIdIndex.fromLive(live);
  const items: AppliedItem[] = [];
  const now = options.now ?? (() => new Date());
  const phases = new Map<number, Change[]>();
  for (const change of changes) {
    const list = phases.get(phaseOf(change));
    if (list) list.push(change);
    else phases.set(phaseOf(change), [change]);
  }
  for (const phase of [...phases.keys()].sort((a, b) => a - b)) {
    const queue = [...(phases.get(phase) ?? [])];
    const worker = async () => {
      for (let change = queue.shift(); change !== undefined; change = queue.shift()) {
        const entry = { planHash: options.planHash, kind: change.kind, key: change.key, action: change.action };
        let result: ItemResult = { outcome: 'skipped' };
        if (!options.done?.has(changeId(change))) {
          await options.journal.append({ time: now().toISOString(), ...entry, outcome: 'started' });
          result = await executeChange(api, change, ids);
          await options.journal.append({
            time: now().toISOString(),
            ...entry,
            outcome: result.outcome,
            ...(result.request ? { request: result.request } : {}),
            ...(result.sysId ? { sysId: result.sysId } : {}),
            ...(result.error ? { error: result.error } : {}),
          });
        }
        items.push({ change, result });
        options.onItem?.(change, result);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  }
  const counts: Record<ItemOutcome, number> = { ok: 0, adopted: 0, failed: 0, unknown: 0, skipped: 0 };
  for (const item of items) counts[item.result.outcome] += 1;
  return { items, counts };
}
