import type { Row, Store } from './store.js';

interface Ordered {
  readonly revision: number;
  readonly rows: readonly Row[];
}

const orders = new WeakMap<Store, Map<string, Ordered>>();

/**
 * The rows of a table (and the tables extending it) in sys_id order: the primary-key index a
 * real instance's database keeps, so a query in sys_id order (every keyset page) is a filtered
 * walk, not a sort of the whole match. Rebuilt after a write to the table, on first use;
 * `warmSysIdOrder` builds every table's after a seed loads, before any request.
 */
export function rowsBySysId(store: Store, table: string): readonly Row[] {
  let byTable = orders.get(store);
  if (byTable === undefined) orders.set(store, (byTable = new Map()));
  const revision = store.familyRevision(table);
  const cached = byTable.get(table);
  if (cached?.revision === revision) return cached.rows;
  const keyed = [...store.scan(table)].map((row) => ({ row, key: (row.values['sys_id'] ?? '').toLowerCase() }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = keyed.map((k) => k.row);
  byTable.set(table, { revision, rows });
  return rows;
}

export function warmSysIdOrder(store: Store, tables: Iterable<string>): void {
  for (const table of tables) rowsBySysId(store, table);
}
