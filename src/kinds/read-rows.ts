import type { RecordKind } from './kind.js';
import type { LiveRecord } from './live.js';
import { inQueries } from './query.js';
import { VERSION_FIELDS, withUnknownFields } from './row-fields.js';
import type { Row, TableReader } from './table-reader.js';

export interface ReadRowsOptions {
  readonly pageSize?: number;
  /** Tolerate rows hidden by read ACLs (reports that check access say so themselves). */
  readonly allowHidden?: boolean;
  /** With allowHidden: told how many rows each query's read ACLs kept back, when some were. */
  readonly onHidden?: (count: number) => void;
}

/**
 * Rows of one table matching any of several queries (the OR of them), each row once. Queries
 * run side by side; the client bounds concurrency. No queries means no rows and no request.
 */
export function readRows(api: TableReader, table: string, queries: readonly string[], fields: readonly string[], options: ReadRowsOptions = {}): Promise<Row[]> {
  return readRowsAs(api, table, queries, fields, options, (row) => row);
}

/**
 * readRows, each row converted (`convert`) as its page arrives when the reader can (listAs),
 * so that a read of hundreds of thousands of rows keeps only what is made of them.
 */
export async function readRowsAs<T>(
  api: TableReader,
  table: string,
  queries: readonly string[],
  fields: readonly string[],
  options: ReadRowsOptions,
  convert: (row: Row) => T,
): Promise<T[]> {
  const withVersion = [...new Set([...VERSION_FIELDS, ...fields])];
  const list = <U>(query: string, each: (row: Row) => U): Promise<U[]> => {
    const listOptions = { query, fields: withVersion, ...options };
    return api.listAs ? api.listAs(table, listOptions, each) : api.list(table, listOptions).then((rows) => rows.map(each));
  };
  // One query's rows are distinct already (paging refuses a repeated sys_id): no copy to make.
  if (queries.length === 1) return list(queries[0] ?? '', convert);
  const pages = await Promise.all(queries.map((query) => list(query, (row) => [row['sys_id'] ?? '', convert(row)] as const)));
  const bySysId = new Map<string, T>();
  for (const rows of pages) for (const [id, item] of rows) bySysId.set(id, item);
  return [...bySysId.values()];
}

/** Records of one kind by natural key (names outside what the live state read), one query per chunk. */
export async function readRecordsByKey(api: TableReader, kind: RecordKind, keys: Iterable<string>, options: ReadRowsOptions = {}): Promise<LiveRecord[]> {
  const rows = await readRows(api, kind.table, inQueries(kind.keyField, keys), kind.readFields, options);
  return rows.map((row) => withUnknownFields(kind, row, kind.live(row)));
}
