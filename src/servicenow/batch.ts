import { parseJsonObject } from './json-object.js';
import type { Row } from './paging.js';

/** One write inside a Batch API request. */
export interface BatchItem {
  readonly id: string;
  readonly method: 'POST' | 'PATCH' | 'DELETE';
  readonly table: string;
  readonly sysId?: string;
  readonly values?: Readonly<Record<string, string>>;
}

/**
 * What happened to each item. `unserviced`: the instance ran out of its 30 s batch quota
 * before starting it (nothing happened; send it again). `unknown`: the item or the whole
 * batch may or may not have committed.
 */
export type BatchItemResult =
  | { readonly outcome: 'ok'; readonly row?: Row }
  | { readonly outcome: 'failed'; readonly error: Error }
  | { readonly outcome: 'unknown'; readonly error: Error }
  | { readonly outcome: 'unserviced' };

export interface ServicedRequest {
  readonly id: string;
  readonly status_code: number;
  readonly body?: string;
}

export interface BatchReply {
  readonly serviced: readonly ServicedRequest[];
  readonly unserviced: readonly string[];
}

/** The Batch API body: each item a Table API request with a base64 JSON body. */
export function batchBody(batchId: string, items: readonly BatchItem[]): unknown {
  return {
    batch_request_id: batchId,
    rest_requests: items.map((item) => ({
      id: item.id,
      method: item.method,
      url: `/api/now/table/${item.table}${item.sysId === undefined ? '' : `/${item.sysId}`}?sysparm_exclude_reference_link=true&sysparm_display_value=false`,
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Accept', value: 'application/json' },
      ],
      ...(item.values === undefined ? {} : { body: Buffer.from(JSON.stringify(item.values)).toString('base64') }),
    })),
  };
}

/** The serviced and unserviced items of a Batch API answer; undefined when it is not one. */
export function parseBatchReply(body: string): BatchReply | undefined {
  const parsed = parseJsonObject(body);
  if (parsed === undefined) return undefined;
  const { serviced_requests: serviced, unserviced_requests: unserviced } = parsed;
  if (!Array.isArray(serviced)) return undefined;
  const items: ServicedRequest[] = [];
  for (const item of serviced) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { id, status_code: status, body: itemBody } = item as { id?: unknown; status_code?: unknown; body?: unknown };
    if (typeof id !== 'string' || typeof status !== 'number') return undefined;
    items.push({ id, status_code: status, ...(typeof itemBody === 'string' ? { body: Buffer.from(itemBody, 'base64').toString('utf8') } : {}) });
  }
  const left = Array.isArray(unserviced) ? unserviced.filter((id): id is string => typeof id === 'string') : [];
  return { serviced: items, unserviced: left };
}
