import type { Row, Store } from './store.js';

interface Ordered {
  readonly revision: number;
  readonly shape: number;
  readonly rows: readonly Row[];
}

const orders = new WeakMap<Store, Map<string, Ordered>>();

/**
 * The rows of a table (and the tables extending it) in sys_id order: the primary-key index a
 * real instance's database keeps, so a query in sys_id order (every keyset page) is a filtered
 * walk, not a sort of the whole match. Rebuilt after a row is added or removed, on first use;
 * after updates only (a session start stamps last_login_time) the order stands and only the
 * rows are refreshed, as a sys_id never changes. `warmSysIdOrder` builds every table's after a
 * seed loads, before any request.
 */
export function rowsBySysId(store: Store, table: string): readonly Row[] {
  let byTable = orders.get(store);
  if (byTable === undefined) orders.set(store, (byTable = new Map()));
  const revision = store.familyRevision(table);
  const shape = store.familyShape(table);
  const cached = byTable.get(table);
  if (cached?.revision === revision) return cached.rows;
  const rows = cached?.shape === shape ? refreshed(store, table, cached.rows) : sorted(store, table);
  byTable.set(table, { revision, shape, rows });
  return rows;
}

function sorted(store: Store, table: string): Row[] {
  const keyed = [...store.scan(table)].map((row) => ({ row, key: (row.values['sys_id'] ?? '').toLowerCase() }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.row);
}

/** The current version of each row, in the same order (the same rows: none added or removed). */
function refreshed(store: Store, table: string, rows: readonly Row[]): Row[] {
  return rows.map((row) => store.get(table, row.values['sys_id'] ?? '') ?? row);
}

export function warmSysIdOrder(store: Store, tables: Iterable<string>): void {
  for (const table of tables) rowsBySysId(store, table);
}
