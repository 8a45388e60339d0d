import type { ResolvedTable } from '../dictionary/index.js';
import type { Emulator } from '../emulator.js';
import { errors } from '../errors.js';
import { compileQuery, parseEncodedQuery, QueryError, type FieldType } from '../encoded-query/index.js';
import type { Row } from '../store.js';
import { cutRange, KeysetCache, parseKeyset } from './keyset-cache.js';
import { rowsBySysId } from '../sys-id-order.js';
import { referenceCandidates } from './reference-join.js';
import { resolvePath } from './serialize.js';

/**
 * Rows of a table (and the tables extending it) matching an encoded query, in query order.
 * Unknown fields follow the instance's setting: ignored (default), no rows, or 403.
 * Scripted values (javascript:) are refused with 400: the emulator runs no server-side script.
 */
export function selectRows(emulator: Emulator, table: ResolvedTable, query: string): Row[] {
  const keyset = parseKeyset(query);
  if (keyset === undefined) return matchRows(emulator, table, query);
  let cache = caches.get(emulator);
  if (cache === undefined) caches.set(emulator, (cache = new KeysetCache()));
  const key = `${table.def.name}|${emulator.instance.settings.invalidQuery}|${keyset.base}`;
  const stamp = matchStamp(emulator, table, keyset.base);
  let sorted = cache.get(key, stamp);
  if (sorted === undefined) {
    sorted = matchRows(emulator, table, keyset.base, true);
    cache.set(key, stamp, sorted);
  }
  return cutRange(sorted, keyset.after, keyset.upTo);
}

/**
 * What a match depends on: every row of the table (and those extending it), and for each
 * dot-walk the query names (`user.user_name`), the rows the reference may point at and that
 * field of them. A session start stamps sys_user.last_login_time, which retires no match on a
 * user's name; any write to the table queried, or to a field a condition walks to, does.
 */
function matchStamp(emulator: Emulator, table: ResolvedTable, query: string): string {
  const { store } = emulator.instance;
  let parsed;
  try {
    parsed = parseEncodedQuery(query);
  } catch {
    return `any:${store.revision}`;
  }
  const parts = [String(store.familyRevision(table.def.name))];
  const paths = parsed.blocks.flatMap((block) => block.flatMap((term) => term.flatMap((c) => (c.operator === 'SAMEAS' || c.operator === 'NSAMEAS' ? [c.field, c.value] : [c.field]))));
  for (const path of paths) {
    const [head = '', rest] = path.split('.');
    const reference = table.fields.get(head)?.reference;
    if (rest === undefined || reference === undefined || store.tableOrUndefined(reference) === undefined) continue;
    parts.push(`${reference}.${rest}:${store.fieldRevision(reference, rest)}:${store.familyShape(reference)}`);
  }
  return parts.join('|');
}

const caches = new WeakMap<Emulator, KeysetCache>();

/** `narrow`: a keyset query, ordered by sys_id alone: answered from the sys_id index (and reference-join.ts). */
function matchRows(emulator: Emulator, table: ResolvedTable, query: string, narrow = false): Row[] {
  const { instance } = emulator;
  let parsed;
  try {
    parsed = parseEncodedQuery(query);
  } catch (error) {
    if (error instanceof QueryError) throw errors.badRequest('Invalid query', error.message);
    throw error;
  }
  const typeOf = (path: string): FieldType | undefined => {
    const [head, ...rest] = path.split('.');
    const field = table.fields.get(head ?? '');
    if (!field || field.hidden) return undefined;
    if (!rest.length) return field.type as FieldType;
    if (field.type !== 'reference' || !field.reference || rest.length !== 1) return undefined;
    const target = instance.store.tableOrUndefined(field.reference)?.fields.get(rest[0] ?? '');
    return target && !target.hidden ? (target.type as FieldType) : undefined;
  };
  const compiled = compileQuery<Row>(parsed, { typeOf });
  if (compiled.unknownFields.length) {
    if (instance.settings.invalidQuery === 'no-rows') return [];
    if (instance.settings.invalidQuery === 'forbid') throw errors.queryNotPermitted();
  }
  // Plain fields are read straight from the row (sorting calls this twice per comparison);
  // only dot-walks go through the reference.
  const access = {
    valueOf: (row: Row, path: string) => (path.includes('.') ? (resolvePath(instance, table, row, path)?.value ?? '') : (row.values[path] ?? '')),
  };
  const rows: Row[] = [];
  if (narrow) {
    // In sys_id order already: walk the table's sys_id index, skipping rows the reference rules out.
    const joined = referenceCandidates(instance, table, parsed, typeOf);
    // Few candidates (a small share of the table): sort them, at a cost that does not grow with
    // the rows the index ruled out; many: one walk of the sys_id index.
    if (joined !== undefined && joined.length * 8 < instance.store.count(table.def.name)) return compiled.sort(joined.filter((row) => compiled.matches(row, access)), access);
    const index = rowsBySysId(instance.store, table.def.name);
    const candidates = joined === undefined ? undefined : new Set(joined);
    for (const row of index) if ((candidates === undefined || candidates.has(row)) && compiled.matches(row, access)) rows.push(row);
    return rows;
  }
  for (const row of instance.store.scan(table.def.name)) if (compiled.matches(row, access)) rows.push(row);
  return compiled.ordered ? compiled.sort(rows, access) : rows;
}
