import { describeError } from '../diagnostics.js';
import type { TableWriter } from '../kinds/table-writer.js';
import type { Change } from '../plan/change.js';
import type { BatchItem, BatchItemResult } from '../servicenow/index.js';
import { executeChange, METHOD, rateLimitOf, readBack, remember, UNCONFIRMED, type ItemResult } from './execute.js';
import { requestFor, type WriteRequest } from './requests.js';
import type { SysIdIndex } from './sys-ids.js';

export interface BatchWriter extends TableWriter {
  batch(items: readonly BatchItem[]): Promise<BatchItemResult[]>;
}

/** Rounds of resubmitting what the instance left unserviced before sending the rest one by one. */
const MAX_ROUNDS = 5;

/**
 * Write independent changes (one apply phase) through the Batch API, `size` per request:
 * fewer round trips, the same server time. An item reported unserviced (the batch quota ran
 * out) is read back first, like any ambiguous write: adopted if it landed after all, else sent
 * again in the next batch. An item whose outcome is unknown is read back before anything is
 * sent again, exactly as a single write would be.
 */
export async function executeInBatches(api: BatchWriter, changes: readonly Change[], ids: SysIdIndex, size: number): Promise<ItemResult[]> {
  const results: ItemResult[] = new Array<ItemResult>(changes.length);
  let pending: { index: number; request: WriteRequest }[] = [];
  for (const [index, change] of changes.entries()) {
    try {
      pending.push({ index, request: requestFor(change, ids) });
    } catch (error) {
      results[index] = { outcome: 'failed', error: describeError(error) };
    }
  }
  for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round += 1) {
    const next: typeof pending = [];
    for (let start = 0; start < pending.length; start += size) {
      const slice = pending.slice(start, start + size);
      let answers: BatchItemResult[];
      try {
        answers = await api.batch(slice.map(({ index, request }) => itemOf(String(index), request)));
      } catch (error) {
        // A definite refusal of the whole batch request: none of its items was processed.
        const limited = rateLimitOf(error);
        if (limited !== undefined) {
          // The rate limit is exhausted: nothing more is sent; whatever was not written is skipped.
          for (const { index, request } of [...slice, ...pending.slice(start + size), ...next]) {
            results[index] = { outcome: 'skipped', request: { method: METHOD[request.op], table: request.table }, error: `not written: ${describeError(error)}`, ...limited };
          }
          return results;
        }
        answers = slice.map(() => ({ outcome: 'failed', error: error as Error }));
      }
      for (const [position, { index, request }] of slice.entries()) {
        const change = changes[index] as Change;
        const answer = answers[position] ?? { outcome: 'unserviced' };
        const ref = { method: METHOD[request.op], table: request.table };
        if (answer.outcome === 'unserviced') {
          const landed = await landedResult(api, change, request, ids);
          if (landed) results[index] = landed;
          else next.push({ index, request });
        }
        else if (answer.outcome === 'failed') results[index] = { outcome: 'failed', request: ref, error: describeError(answer.error) };
        else if (answer.outcome === 'ok') results[index] = { outcome: 'ok', request: ref, ...withSysId(remember(change, request, answer.row?.['sys_id'] ?? '', ids)) };
        else results[index] = await settle(api, change, request, ids);
      }
    }
    pending = next;
  }
  for (const { index } of pending) results[index] = await executeChange(api, changes[index] as Change, ids);
  return results;
}

/** An item whose outcome is unknown: adopt it if it landed, else write it again on its own. */
async function settle(api: BatchWriter, change: Change, request: WriteRequest, ids: SysIdIndex): Promise<ItemResult> {
  return (await landedResult(api, change, request, ids)) ?? executeChange(api, change, ids);
}

/**
 * The result of an item that the instance shows as written, read back; undefined if it did not
 * land. A read-back that fails leaves this item unknown; the other items of the batch go on.
 */
async function landedResult(api: BatchWriter, change: Change, request: WriteRequest, ids: SysIdIndex): Promise<ItemResult | undefined> {
  const ref = { method: METHOD[request.op], table: request.table };
  let landed: string | undefined;
  try {
    landed = await readBack(api, request);
  } catch (error) {
    return { outcome: 'unknown', request: ref, error: `${UNCONFIRMED}: ${describeError(error)}` };
  }
  if (landed === undefined) return undefined;
  return { outcome: request.op === 'create' ? 'adopted' : 'ok', request: ref, ...withSysId(remember(change, request, landed, ids)) };
}

function itemOf(id: string, request: WriteRequest): BatchItem {
  if (request.op === 'create') return { id, method: 'POST', table: request.table, values: request.values };
  if (request.op === 'update') return { id, method: 'PATCH', table: request.table, sysId: request.sysId, values: request.values };
  return { id, method: 'DELETE', table: request.table, sysId: request.sysId };
}

const withSysId = (sysId: string | undefined) => (sysId ? { sysId } : {});
