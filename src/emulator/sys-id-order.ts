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
 * walk, not a sort of the whole match. Kept up on first use after a write, as a database keeps
 * its index: after updates (a session start stamps last_login_time) the order stands and only
 * the rows are refreshed, as a sys_id never changes; rows added since (the snc_internal grant
 * of a first session) are sorted and merged in, rows removed are dropped. `warmSysIdOrder` builds every table's after a
 * seed loads, before any request.
 */
export function rowsBySysId(store: Store, table: string): readonly Row[] {
  let byTable = orders.get(store);
  if (byTable === undefined) orders.set(store, (byTable = new Map()));
  const revision = store.familyRevision(table);
  const shape = store.familyShape(table);
  const cached = byTable.get(table);
  if (cached?.revision === revision) return cached.rows;
  const rows = cached === undefined ? sorted([...store.scan(table)]) : cached.shape === shape ? refreshed(store, table, cached.rows) : merged(store, table, cached.rows);
  byTable.set(table, { revision, shape, rows });
  return rows;
}

const keyOf = (row: Row) => (row.values['sys_id'] ?? '').toLowerCase();

function sorted(rows: readonly Row[]): Row[] {
  const keyed = rows.map((row) => ({ row, key: keyOf(row) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.row);
}

/** The previous order without the rows removed since, with the rows added since merged in. */
function merged(store: Store, table: string, previous: readonly Row[]): Row[] {
  const known = new Set<string>();
  const kept: Row[] = [];
  for (const row of previous) {
    const id = row.values['sys_id'] ?? '';
    const current = store.get(table, id);
    if (current === undefined) continue;
    known.add(id);
    kept.push(current);
  }
  const added = sorted([...store.scan(table)].filter((row) => !known.has(row.values['sys_id'] ?? '')));
  const rows: Row[] = [];
  let i = 0;
  const keepBelow = (key: string | undefined) => {
    for (let next = kept[i]; next !== undefined && (key === undefined || keyOf(next) < key); next = kept[++i]) rows.push(next);
  };
  for (const row of added) {
    keepBelow(keyOf(row));
    rows.push(row);
  }
  keepBelow(undefined);
  return rows;
}

/** The current version of each row, in the same order (the same rows: none added or removed). */
function refreshed(store: Store, table: string, rows: readonly Row[]): Row[] {
  return rows.map((row) => store.get(table, row.values['sys_id'] ?? '') ?? row);
}

export function warmSysIdOrder(store: Store, tables: Iterable<string>): void {
  for (const table of tables) rowsBySysId(store, table);
}
