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
export async function readRows(
  api: TableReader,
  table: string,
  queries: readonly string[],
  fields: readonly string[],
  options: ReadRowsOptions = {},
): Promise<Row[]> {
  const withVersion = [...new Set([...VERSION_FIELDS, ...fields])];
  const pages = await Promise.all(queries.map((query) => api.list(table, { query, fields: withVersion, ...options })));
  // One query's rows are distinct already (paging refuses a repeated sys_id): no copy to make.
  if (pages.length === 1) return pages[0] ?? [];
  const bySysId = new Map<string, Row>();
  for (const rows of pages) for (const row of rows) bySysId.set(row['sys_id'] ?? '', row);
  return [...bySysId.values()];
}

/** Records of one kind by natural key (names outside what the live state read), one query per chunk. */
export async function readRecordsByKey(api: TableReader, kind: RecordKind, keys: Iterable<string>, options: ReadRowsOptions = {}): Promise<LiveRecord[]> {
  const rows = await readRows(api, kind.table, inQueries(kind.keyField, keys), kind.readFields, options);
  return rows.map((row) => withUnknownFields(kind, row, kind.live(row)));
}
