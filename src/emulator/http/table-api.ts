import type { IncomingMessage } from 'node:http';
import type { Actor } from '../actor.js';
import type { ResolvedTable } from '../dictionary/index.js';
import type { Emulator } from '../emulator.js';
import { errors } from '../errors.js';
import { canReadRow } from '../read-access.js';
import type { Row } from '../store.js';
import { parseJsonBody, readBody } from './body.js';
import { coerceBody } from './coerce.js';
import { parseTableParams, type TableParams } from './params.js';
import { json, type Reply } from './respond.js';
import { selectRows } from './select.js';
import { serializeRow } from './serialize.js';

export interface TableRequest {
  readonly method: string;
  readonly version: 'v1' | 'v2' | undefined;
  readonly table: string;
  readonly sysId: string | undefined;
  readonly url: URL;
  readonly actor: Actor;
  readonly request: IncomingMessage;
}

/** The Table API: /api/now[/v1|/v2]/table/{table}[/{sys_id}] (SERVICENOW.md §1). */
export async function handleTable(emulator: Emulator, req: TableRequest): Promise<Reply> {
  const table = emulator.instance.store.tableOrUndefined(req.table);
  if (!table) throw errors.invalidTable(req.table);
  const params = parseTableParams(req.url.searchParams, (name) => table.fields.has(name));
  const linkBase = `${req.url.origin}/api/now/${req.version ? `${req.version}/` : ''}`;
  // Field-level read ACLs depend on the caller and the field, not the row: judged once per
  // field in a request, not once per row of a 1,000-row page.
  const readableByPath = new Map<string, boolean>();
  const readableField = (path: string) => {
    let allowed = readableByPath.get(path);
    if (allowed === undefined) readableByPath.set(path, (allowed = readablePath(emulator, req.actor, table, path)));
    return allowed;
  };
  const render = (row: Row) =>
    serializeRow(emulator.instance, table, row, {
      display: params.display,
      excludeReferenceLink: params.excludeReferenceLink,
      linkBase,
      fields: params.fields,
      readable: readableField,
    });

  switch (req.method) {
    case 'GET':
    case 'HEAD':
      return req.sysId ? getOne(emulator, table, req, render) : list(emulator, table, req, params, render);
    case 'POST':
      if (req.sysId) throw errors.methodNotAllowed();
      return create(emulator, table, req, params, render);
    case 'PUT':
    case 'PATCH':
      return update(emulator, table, req, params, render);
    case 'DELETE':
      return remove(emulator, table, req);
    default:
      throw errors.methodNotAllowed();
  }
}

type Render = (row: Row) => unknown;

/** A field, or each step of a dot-walk (`manager.user_name`), passes the field-level read ACLs. */
function readablePath(emulator: Emulator, actor: Actor, table: ResolvedTable, path: string): boolean {
  const [head = '', tail] = path.split('.');
  if (!emulator.acl.canReadField(actor, table.def.name, head)) return false;
  const target = table.fields.get(head)?.reference;
  return tail === undefined || target === undefined || emulator.acl.canReadField(actor, target, tail);
}

function readable(emulator: Emulator, table: ResolvedTable, actor: Actor, sysId: string | undefined): Row {
  const row = sysId ? emulator.instance.get(table.def.name, sysId) : undefined;
  if (!row || !emulator.acl.can(actor, table.def.name, 'read') || !canReadRow(emulator, actor, row)) throw errors.noRecord();
  return row;
}

function getOne(emulator: Emulator, table: ResolvedTable, req: TableRequest, render: Render): Reply {
  const row = readable(emulator, table, req.actor, req.sysId);
  emulator.stats.rowsServed += 1;
  return json(200, { result: render(row) });
}

/**
 * A page is cut by sysparm_limit before read ACLs are applied, so a page can come back short or
 * empty while later pages still hold readable rows; X-Total-Count counts before ACLs too.
 */
function list(emulator: Emulator, table: ResolvedTable, req: TableRequest, params: TableParams, render: Render): Reply {
  const matched = selectRows(emulator, table, params.query);
  const page = matched.slice(params.offset, params.offset + params.limit);
  const visible = emulator.acl.can(req.actor, table.def.name, 'read') ? page.filter((row) => canReadRow(emulator, req.actor, row)) : [];
  emulator.stats.rowsServed += visible.length;
  if (req.version === 'v1' && matched.length === 0) throw errors.noMatches();
  const headers: Record<string, string> = {};
  if (!params.noCount) headers['X-Total-Count'] = String(matched.length);
  const link = paginationLink(req.url, params, matched.length, page.length);
  if (link && !params.suppressPaginationHeader) headers['Link'] = link;
  return json(200, { result: visible.map(render) }, headers);
}

function paginationLink(url: URL, params: TableParams, total: number, pageRows: number): string | undefined {
  const at = (offset: number, rel: string) => {
    const target = new URL(url);
    target.searchParams.delete('sysparm_offset');
    target.searchParams.delete('sysparm_limit');
    target.searchParams.append('sysparm_offset', String(offset));
    target.searchParams.append('sysparm_limit', String(params.limit));
    return `<${target.toString()}>;rel="${rel}"`;
  };
  const { offset, limit } = params;
  if (params.noCount) {
    const parts = [at(0, 'first')];
    if (offset > 0) parts.push(at(Math.max(0, offset - limit), 'prev'));
    if (pageRows === limit) parts.push(at(offset + limit, 'next'));
    return parts.length > 1 ? parts.join(',') : undefined;
  }
  if (total <= limit && offset === 0) return undefined;
  const last = total > 0 ? Math.floor((total - 1) / limit) * limit : 0;
  const parts = [at(0, 'first')];
  if (offset > 0) parts.push(at(Math.max(0, offset - limit), 'prev'));
  if (offset + limit < total) parts.push(at(offset + limit, 'next'));
  parts.push(at(last, 'last'));
  return parts.join(',');
}

async function create(emulator: Emulator, table: ResolvedTable, req: TableRequest, params: TableParams, render: Render): Promise<Reply> {
  const body = parseJsonBody(await readBody(req.request));
  if (!emulator.acl.can(req.actor, table.def.name, 'create')) throw errors.aclDenied('create');
  const values = coerceBody(emulator.instance, table, body, params.inputDisplayValue);
  if (!emulator.acl.canWriteRow(req.actor, table.def.name, values)) throw errors.aclDenied('create');
  const row = emulator.instance.insert(table.def.name, values, req.actor);
  emulator.stats.writes += 1;
  const location = `${req.url.origin}/api/now/${req.version ? `${req.version}/` : ''}table/${table.def.name}/${row.values['sys_id']}`;
  const noBody = req.request.headers['x-no-response-body'] === 'true';
  return { status: 201, headers: { Location: location }, ...(noBody ? {} : { body: { result: render(row) } }) };
}

async function update(emulator: Emulator, table: ResolvedTable, req: TableRequest, params: TableParams, render: Render): Promise<Reply> {
  const body = parseJsonBody(await readBody(req.request));
  const existing = readable(emulator, table, req.actor, req.sysId);
  if (!emulator.acl.can(req.actor, existing.table, 'write') || !emulator.acl.canWriteRow(req.actor, existing.table, existing.values)) {
    throw errors.aclDenied('write');
  }
  const values = coerceBody(emulator.instance, table, body, params.inputDisplayValue);
  const row = emulator.instance.update(existing.table, existing.values['sys_id'] ?? '', values, req.actor);
  emulator.stats.writes += 1;
  const noBody = req.request.headers['x-no-response-body'] === 'true';
  return noBody ? { status: 200 } : json(200, { result: render(row) });
}

function remove(emulator: Emulator, table: ResolvedTable, req: TableRequest): Reply {
  const existing = readable(emulator, table, req.actor, req.sysId);
  if (!emulator.acl.can(req.actor, existing.table, 'delete') || !emulator.acl.canWriteRow(req.actor, existing.table, existing.values)) {
    throw errors.aclDenied('delete');
  }
  emulator.instance.delete(existing.table, existing.values['sys_id'] ?? '', req.actor);
  emulator.stats.writes += 1;
  return { status: 204 };
}
