import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Emulator } from '../emulator.js';
import { errors, InstanceError } from '../errors.js';
import { isRead, serverTimeOf, writeTimeBound } from '../limits/server-time.js';
import { parseJsonBody, readBody } from './body.js';
import { fromError, json, type Reply } from './respond.js';

/** Runs one item's request through the Table API as the batch's caller (with the caller's ACLs). */
export type Dispatch = (request: IncomingMessage, url: URL) => Promise<Reply>;

interface BatchItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly body: string;
  readonly excludeHeaders: boolean;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function parseItems(body: unknown): { id: string; items: BatchItem[] } {
  const batch = (body ?? {}) as { batch_request_id?: unknown; rest_requests?: unknown };
  if (!Array.isArray(batch.rest_requests)) throw errors.badRequest('Exception while reading request', 'rest_requests must be a list');
  const items = batch.rest_requests.map((raw: unknown, index): BatchItem => {
    const item = (raw ?? {}) as Record<string, unknown>;
    const id = text(item['id']);
    const method = text(item['method']);
    const url = text(item['url']);
    if (!id || !method || !url) throw errors.badRequest('Exception while reading request', `rest_requests[${index}] needs id, method and url`);
    const headers = Array.isArray(item['headers'])
      ? (item['headers'] as unknown[]).map((h) => ({ name: text((h as { name?: unknown }).name) ?? '', value: text((h as { value?: unknown }).value) ?? '' }))
      : [];
    return { id, method: method.toUpperCase(), url, headers, body: text(item['body']) ?? '', excludeHeaders: item['exclude_response_headers'] === true };
  });
  return { id: text(batch.batch_request_id) ?? '', items };
}

/**
 * An item as the request the Table API handler reads: a stream of its decoded body with its
 * headers. The handler only reads `headers` and the body stream, which is all this provides.
 */
function itemRequest(item: BatchItem): IncomingMessage {
  const body = Buffer.from(item.body, 'base64');
  const headers: Record<string, string> = {};
  for (const header of item.headers) headers[header.name.toLowerCase()] = header.value;
  headers['content-length'] = String(body.length);
  const stream = Readable.from(body.length ? [body] : []);
  return Object.assign(stream, { method: item.method, url: item.url, headers }) as unknown as IncomingMessage;
}

function serviced(item: BatchItem, reply: Reply, ms: number): Record<string, unknown> {
  const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
  const headers = item.excludeHeaders
    ? []
    : Object.entries({ ...(payload ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}), ...reply.headers }).map(([name, value]) => ({
        name,
        value: Array.isArray(value) ? value.join(', ') : value,
      }));
  return {
    id: item.id,
    status_code: reply.status,
    status_text: STATUS_CODES[reply.status] ?? '',
    headers,
    body: Buffer.from(payload).toString('base64'),
    execution_time: Math.round(ms),
  };
}

/** One item's reply; the instance's errors become the item's own error reply. */
async function runItem(dispatch: Dispatch, item: BatchItem, origin: string): Promise<Reply> {
  try {
    return await dispatch(itemRequest(item), new URL(item.url, origin));
  } catch (error) {
    if (error instanceof InstanceError) return fromError(error);
    throw error;
  }
}

/**
 * The Batch API, POST /api/now/v1/batch (SERVICENOW.md §4): items run one after another through
 * the Table API, each answered in serviced_requests with its own status (a 403 item does not fail
 * the batch). The batch's server time is capped by its quota (30 s by default): an item starts
 * only while it can still finish within the quota, so a write is never both committed and
 * unserviced; a read that would cross it is discarded. The quota's remaining time is spent
 * before the batch answers with the rest in unserviced_requests.
 */
export async function handleBatch(emulator: Emulator, request: IncomingMessage, origin: string, dispatch: Dispatch): Promise<Reply> {
  const { id, items } = parseItems(parseJsonBody(await readBody(request)));
  const { limits } = emulator;
  const latency = limits.profile.latency;
  const quota = limits.profile.quotas?.batchMs ?? Number.POSITIVE_INFINITY;
  const done: Record<string, unknown>[] = [];
  const unserviced: string[] = [];
  let spent = 0;
  for (const item of items) {
    if (unserviced.length || (!isRead(item.method) && spent + writeTimeBound(latency) > quota)) {
      unserviced.push(item.id);
      continue;
    }
    const reply = await runItem(dispatch, item, origin);
    const ms = serverTimeOf(latency, item.method, reply);
    if (spent + ms > quota) {
      unserviced.push(item.id);
      continue;
    }
    await limits.pause(ms);
    spent += ms;
    done.push(serviced(item, reply, ms));
  }
  if (unserviced.length) {
    await limits.pause(quota - spent);
    emulator.stats.count(emulator.stats.rejections, 'quota');
  }
  return json(200, { batch_request_id: id, serviced_requests: done, unserviced_requests: unserviced });
}
