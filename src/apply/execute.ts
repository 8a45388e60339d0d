import { describeError } from '../diagnostics.js';
import type { TableWriter, WriteResult } from '../kinds/table-writer.js';
import type { Change } from '../plan/change.js';
import { ServiceNowError } from '../servicenow/index.js';
import type { ItemOutcome } from './journal.js';
import { requestFor, type WriteRequest } from './requests.js';
import { linkId, type SysIdIndex } from './sys-ids.js';

export interface ItemResult {
  readonly outcome: ItemOutcome;
  readonly request?: { readonly method: string; readonly table: string };
  readonly sysId?: string;
  readonly error?: string;
  /** The instance's rate limit refused a request for this item: no further write should start. */
  readonly rateLimited?: { readonly resumeAfter?: string };
}

/** The HTTP method of each kind of write, for the journal and the outcome report. */
export const METHOD = { create: 'POST', update: 'PATCH', remove: 'DELETE' } as const;

/**
 * How many times one change is sent. A resend happens only after a read-back showed that the
 * previous attempt did not land, so it can never duplicate a record.
 */
const CONFIRMED_ATTEMPTS = 4;

/**
 * Write one change. A write whose outcome is unknown is never blindly repeated: the record is
 * read back first, and a create that in fact committed is adopted. Only when the read-back
 * shows the write did not happen is it sent again (up to CONFIRMED_ATTEMPTS in all).
 */
export async function executeChange(api: TableWriter, change: Change, ids: SysIdIndex): Promise<ItemResult> {
  let request: WriteRequest;
  try {
    request = requestFor(change, ids);
  } catch (error) {
    return { outcome: 'failed', error: describeError(error) };
  }
  const ref = { method: METHOD[request.op], table: request.table };
  /** Set while a sent write may have committed and no read-back has shown it did not. */
  let mayHaveCommitted = false;
  try {
    const attempt = async () => {
      const result = await send(api, request);
      if (result.outcome === 'ok') return { result, landed: found(result) };
      mayHaveCommitted = true;
      const landed = await readBack(api, request);
      if (landed === undefined) mayHaveCommitted = false;
      return { result, landed };
    };
    let done = await attempt();
    for (let tries = 1; done.landed === undefined && tries < CONFIRMED_ATTEMPTS; tries += 1) done = await attempt();
    const { result, landed } = done;
    if (landed === undefined) {
      return { outcome: 'unknown', request: ref, error: result.outcome === 'unknown' ? describeError(result.error) : 'the write could not be confirmed' };
    }
    const adopted = result.outcome === 'unknown' && request.op === 'create';
    const sysId = remember(change, request, landed, ids);
    return { outcome: adopted ? 'adopted' : 'ok', request: ref, ...(sysId ? { sysId } : {}) };
  } catch (error) {
    const limited = rateLimitOf(error);
    if (mayHaveCommitted) return { outcome: 'unknown', request: ref, error: `${UNCONFIRMED}: ${describeError(error)}`, ...limited };
    if (limited) return { outcome: 'skipped', request: ref, error: `not written: ${describeError(error)}`, ...limited };
    return { outcome: 'failed', request: ref, error: describeError(error) };
  }
}

/**
 * A request the instance refused with 429 after snac waited as long as it may: the instance's
 * rate limit is exhausted, and every further request would be refused too.
 */
export function rateLimitOf(error: unknown): Pick<ItemResult, 'rateLimited'> | undefined {
  if (!(error instanceof ServiceNowError) || error.status !== 429) return undefined;
  return { rateLimited: error.retryAt === undefined ? {} : { resumeAfter: new Date(error.retryAt).toISOString() } };
}

/** Why an outcome is unknown when the write was sent but reading it back failed. */
export const UNCONFIRMED = 'the write may have committed but could not be read back (the next snac apply confirms it)';

function send(api: TableWriter, request: WriteRequest): Promise<WriteResult> {
  if (request.op === 'create') return api.create(request.table, request.values);
  if (request.op === 'update') return api.update(request.table, request.sysId, request.values);
  return api.remove(request.table, request.sysId);
}

/** What a successful write left behind: the row's sys_id, or '' when there is none to know. */
function found(result: WriteResult & { outcome: 'ok' }): string {
  return result.row?.['sys_id'] ?? '';
}

/**
 * Did an ambiguous write happen? A create: is there a row with its natural key. An update:
 * does the row hold the new values. A delete: is the row gone. undefined = it did not happen.
 */
export async function readBack(api: TableWriter, request: WriteRequest): Promise<string | undefined> {
  if (request.op === 'create') {
    const rows = await api.list(request.table, { query: request.readBack, fields: ['sys_id'] });
    return rows[0]?.['sys_id'];
  }
  const rows = await api.list(request.table, { query: `sys_id=${request.sysId}`, fields: ['sys_id', ...Object.keys(request.op === 'update' ? request.values : {})] });
  if (request.op === 'remove') return rows.length === 0 ? request.sysId : undefined;
  const row = rows[0];
  return row !== undefined && Object.entries(request.values).every(([field, value]) => row[field] === value) ? request.sysId : undefined;
}

export function remember(change: Change, request: WriteRequest, sysId: string | undefined, ids: SysIdIndex): string | undefined {
  const key = change.link ? linkId(change.link.from, change.link.to) : change.key;
  if (request.op === 'remove') {
    // A duplicate row going leaves the link (its oldest row) in place.
    if (change.duplicate === undefined) ids.delete(change.kind, key);
    return request.sysId;
  }
  if (request.op === 'create' && sysId) ids.set(change.kind, key, sysId);
  return sysId || (request.op === 'update' ? request.sysId : undefined);
}
