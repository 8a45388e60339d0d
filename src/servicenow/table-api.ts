import { SnacError } from '../diagnostics.js';
import { ServiceNowClient, type ApiCall, type ApiResponse } from './client.js';
import type { Credentials } from './credentials.js';
import type { ServiceNowError } from './errors.js';
import { batchBody, parseBatchReply, type BatchItem, type BatchItemResult } from './batch.js';
import { readPartitioned, type Row } from './paging.js';
import type { RequestLog } from './request-log.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';

export interface ListOptions {
  /** An encoded query; ORDERBY terms are ignored (rows come back in sys_id order). */
  readonly query?: string;
  /** The fields to read; sys_id is always added. */
  readonly fields: readonly string[];
  readonly pageSize?: number;
  /** Return the readable rows when read ACLs hide some; by default such a read fails (fail closed). */
  readonly allowHidden?: boolean;
  /** With allowHidden: told how many rows matching the query read ACLs kept back, when some were. */
  readonly onHidden?: (count: number) => void;
}

/** `unknown`: a timeout, reset, 5xx or 202 after the write may have reached the instance. Read back before acting again. */
export type WriteResult = { readonly outcome: 'ok'; readonly row?: Row } | { readonly outcome: 'unknown'; readonly error: ServiceNowError };

/** The Table API of one instance. Definite failures throw ServiceNowError. */
export interface TableApi {
  /** The instance's host name, e.g. `dev12345.service-now.com`. */
  readonly instance: string;
  /** Every row matching the query, all pages read. */
  list(table: string, options: ListOptions): Promise<Row[]>;
  /** list, each row converted as its page arrives, so a large read need not hold every row at once. */
  listAs<T>(table: string, options: ListOptions, convert: (row: Row) => T): Promise<T[]>;
  /** One record, or undefined when the instance answers 404 (missing, or hidden by a read ACL). */
  get(table: string, sysId: string, fields: readonly string[]): Promise<Row | undefined>;
  create(table: string, values: Record<string, string>): Promise<WriteResult>;
  update(table: string, sysId: string, values: Record<string, string>): Promise<WriteResult>;
  remove(table: string, sysId: string): Promise<WriteResult>;
  /**
   * Several writes in one Batch API request (POST /api/now/v1/batch): one round trip, run one
   * after another by the instance. Results are in the order of `items`.
   */
  batch(items: readonly BatchItem[]): Promise<BatchItemResult[]>;
  readonly log: RequestLog;
}

export interface TableApiOptions {
  /** https://<name>.service-now.com (plain http only for loopback, e.g. the emulator). */
  readonly url: string;
  readonly credentials: Credentials;
  /** Rows per page, default 1,000. */
  readonly pageSize?: number;
  /** Sessions, each with one request in flight; default 4. */
  readonly concurrency?: number;
  /** Reads default to 30 s; writes to 75 s, above the instance's 60 s transaction quota so its verdict arrives. */
  readonly timeouts?: { readonly readMs?: number; readonly writeMs?: number };
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Epoch milliseconds. */
  readonly now?: () => number;
  /** Called after each page a list reads (for progress on a terminal). */
  readonly onPage?: (table: string, rows: number) => void;
}

export const DEFAULT_PAGE_SIZE = 1000;
export const DEFAULT_CONCURRENCY = 4;

const NAME = /^[A-Za-z0-9_]+$/;
const FIELD = /^[A-Za-z0-9_.]+$/;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

function misuse(message: string): SnacError {
  return new SnacError(message, 'invalid-request');
}

function checkTable(table: string): void {
  if (!NAME.test(table)) throw misuse(`"${table}" is not a table name`);
}

function checkSysId(sysId: string): void {
  if (!NAME.test(sysId)) throw misuse(`"${sysId}" is not a sys_id`);
}

function originOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SnacError(`"${url}" is not a URL`, 'invalid-instance-url', 'give the instance URL as https://<name>.service-now.com');
  }
  if (parsed.username || parsed.password) {
    throw new SnacError('the instance URL must not contain credentials', 'invalid-instance-url', 'put credentials in environment variables, never in the URL');
  }
  const local = LOOPBACK.test(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
    throw new SnacError(
      `the instance URL ${parsed.origin} is not https`,
      'invalid-instance-url',
      'use https://<name>.service-now.com: credentials are never sent in clear text (plain http is allowed only for a local emulator)',
    );
  }
  return parsed.origin;
}

/** A JSON value from a result row as the string the Table API means; undefined if it is none. */
function cell(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && !Array.isArray(value) && typeof (value as { value?: unknown }).value === 'string') {
    return (value as { value: string }).value;
  }
  return undefined;
}

/**
 * A parsed result row as a Row. The object JSON.parse made is kept (its values made strings
 * where they are not), not copied: a large read parses hundreds of thousands of rows, and a
 * copy of each doubled the garbage and the CPU of reading them.
 */
function toRow(value: unknown): Row | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const row = value as Record<string, unknown>;
  for (const key in row) {
    const raw = row[key];
    if (typeof raw === 'string') continue;
    const text = cell(raw);
    if (text === undefined) return undefined;
    row[key] = text;
  }
  return row as Row;
}

/** The `result` of a Table API body, or undefined when the body is not one. */
function resultOf(body: string): unknown {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as { result?: unknown }).result : undefined;
  } catch {
    return undefined;
  }
}

function rowsOf(body: string): Row[] | undefined {
  const result = resultOf(body);
  if (!Array.isArray(result)) return undefined;
  const rows: Row[] = [];
  for (const item of result) {
    const row = toRow(item);
    if (!row) return undefined;
    rows.push(row);
  }
  return rows;
}

const READ_PARAMS = { sysparm_exclude_reference_link: 'true', sysparm_display_value: 'false' } as const;

function fieldList(fields: readonly string[]): string {
  for (const field of fields) if (!FIELD.test(field)) throw misuse(`"${field}" is not a field name`);
  return [...new Set(['sys_id', ...fields])].join(',');
}

export function createTableApi(options: TableApiOptions): TableApi {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const client = new ServiceNowClient({
    origin: originOf(options.url),
    credentials: options.credentials,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    timeouts: { readMs: options.timeouts?.readMs ?? 30_000, writeMs: options.timeouts?.writeMs ?? 75_000 },
    retry: { ...DEFAULT_RETRY, ...options.retry },
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  });

  const read = async (call: ApiCall): Promise<ApiResponse> => {
    const result = await client.call(call);
    if (result.kind === 'unknown') throw result.error;
    return result.response;
  };

  const write = async (call: ApiCall): Promise<WriteResult> => {
    const result = await client.call(call);
    if (result.kind === 'unknown') return { outcome: 'unknown', error: result.error };
    const { response } = result;
    if (response.status < 200 || response.status > 299) throw client.failure(call, response);
    if (call.method === 'DELETE') return { outcome: 'ok' };
    const row = toRow(resultOf(response.body));
    return row ? { outcome: 'ok', row } : { outcome: 'unknown', error: client.unsure(call, response) };
  };

  const path = (table: string, sysId?: string) => `/api/now/table/${table}${sysId === undefined ? '' : `/${sysId}`}`;

  const api: TableApi = {
    instance: client.host,
    log: client.log,

    list: (table, list) => api.listAs(table, list, (row) => row),

    async listAs(table, list, convert) {
      checkTable(table);
      const size = list.pageSize ?? pageSize;
      if (!Number.isInteger(size) || size < 1) throw misuse(`page size must be a positive integer, got ${size}`);
      const fields = fieldList(list.fields);
      const base = { method: 'GET', table, path: path(table), write: false } as const;
      return readPartitioned(
        async (page) => {
          const call: ApiCall = {
            ...base,
            params: {
              sysparm_query: page.query,
              sysparm_fields: fields,
              sysparm_limit: String(page.limit),
              sysparm_offset: String(page.offset),
              ...READ_PARAMS,
              sysparm_no_count: page.count ? 'false' : 'true',
              sysparm_suppress_pagination_header: 'true',
            },
          };
          const response = await read(call);
          if (response.status !== 200) throw client.failure(call, response);
          const rows = rowsOf(response.body);
          if (!rows) throw client.unusable(call, response.status, response.body);
          options.onPage?.(table, rows.length);
          const total = Number(response.headers['x-total-count']);
          return { rows, total: response.headers['x-total-count'] !== undefined && Number.isInteger(total) && total >= 0 ? total : undefined };
        },
        { query: list.query ?? '', pageSize: size, partitions: options.concurrency ?? DEFAULT_CONCURRENCY, hidden: list.allowHidden ? 'skip' : 'fail', ...(list.onHidden ? { onHidden: list.onHidden } : {}), fail: (what, fix) => client.unusable(base, 200, '', what, fix) },
        convert,
      );
    },

    async get(table, sysId, fields) {
      checkTable(table);
      checkSysId(sysId);
      const call: ApiCall = { method: 'GET', table, sysId, path: path(table, sysId), write: false, params: { sysparm_fields: fieldList(fields), ...READ_PARAMS } };
      const response = await read(call);
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw client.failure(call, response);
      const row = toRow(resultOf(response.body));
      if (!row) throw client.unusable(call, response.status, response.body);
      return row;
    },

    create(table, values) {
      checkTable(table);
      return write({ method: 'POST', table, path: path(table), write: true, params: READ_PARAMS, json: values });
    },

    update(table, sysId, values) {
      checkTable(table);
      checkSysId(sysId);
      return write({ method: 'PATCH', table, sysId, path: path(table, sysId), write: true, params: READ_PARAMS, json: values });
    },

    async batch(items) {
      for (const item of items) {
        checkTable(item.table);
        if (item.sysId !== undefined) checkSysId(item.sysId);
      }
      const call: ApiCall = { method: 'POST', table: 'batch', path: '/api/now/v1/batch', write: true, json: batchBody(`snac-${Date.now()}`, items) };
      const result = await client.call(call);
      if (result.kind === 'unknown') return items.map(() => ({ outcome: 'unknown', error: result.error }));
      const { response } = result;
      if (response.status < 200 || response.status > 299) throw client.failure(call, response);
      const reply = parseBatchReply(response.body);
      if (reply === undefined) {
        const error = client.unsure(call, response);
        return items.map(() => ({ outcome: 'unknown', error }));
      }
      const serviced = new Map(reply.serviced.map((s) => [s.id, s]));
      return items.map((item): BatchItemResult => {
        const answer = serviced.get(item.id);
        if (answer === undefined) return { outcome: 'unserviced' };
        const itemCall: ApiCall = { method: item.method, table: item.table, ...(item.sysId === undefined ? {} : { sysId: item.sysId }), path: path(item.table, item.sysId), write: true };
        const itemResponse: ApiResponse = { status: answer.status_code, headers: {}, body: answer.body ?? '', attempts: 1 };
        if (answer.status_code >= 200 && answer.status_code <= 299) {
          const row = toRow(resultOf(itemResponse.body));
          return row ? { outcome: 'ok', row } : { outcome: 'ok' };
        }
        if (answer.status_code === 202 || answer.status_code >= 500) return { outcome: 'unknown', error: client.unsure(itemCall, itemResponse) };
        return { outcome: 'failed', error: client.failure(itemCall, itemResponse) };
      });
    },

    remove(table, sysId) {
      checkTable(table);
      checkSysId(sysId);
      return write({ method: 'DELETE', table, sysId, path: path(table, sysId), write: true });
    },
  };
  return api;
}
