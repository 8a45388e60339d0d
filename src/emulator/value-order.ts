import type { Row, Store } from './store.js';

interface Keyed {
  readonly key: string;
  readonly row: Row;
}

interface Ordered {
  readonly revision: number;
  readonly shape: number;
  readonly entries: readonly Keyed[];
}

const orders = new WeakMap<Store, Map<string, Ordered>>();

/**
 * The rows of a table (and the tables extending it) whose `field` starts with `prefix`,
 * case-insensitively, as ServiceNow's STARTSWITH matches: a range of the field's index, which a
 * real instance's database keeps in value order. The order is kept per (table, field) and
 * found again on first use after a write: after updates only (a session start stamps
 * last_login_time), by one pass that keeps it when the values are still in order; a range is
 * then found by binary search.
 */
export function rowsWithPrefix(store: Store, table: string, field: string, prefix: string): Row[] {
  const entries = valueOrder(store, table, field);
  const low = prefix.toLowerCase();
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid]?.key ?? '') < low) lo = mid + 1;
    else hi = mid;
  }
  const rows: Row[] = [];
  for (let i = lo; i < entries.length; i++) {
    const entry = entries[i];
    if (entry === undefined || !entry.key.startsWith(low)) break;
    rows.push(entry.row);
  }
  return rows;
}

function valueOrder(store: Store, table: string, field: string): readonly Keyed[] {
  let byTable = orders.get(store);
  if (byTable === undefined) orders.set(store, (byTable = new Map()));
  const name = `${table}|${field}`;
  const revision = store.familyRevision(table);
  const shape = store.familyShape(table);
  const cached = byTable.get(name);
  if (cached?.revision === revision) return cached.entries;
  const keyed = (row: Row) => ({ key: (row.values[field] ?? '').toLowerCase(), row });
  const rows = cached?.shape === shape ? cached.entries.map((entry) => store.get(table, entry.row.values['sys_id'] ?? '') ?? entry.row) : [...store.scan(table)];
  const entries = rows.map(keyed);
  if (!inOrder(entries)) entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  byTable.set(name, { revision, shape, entries });
  return entries;
}

function inOrder(entries: readonly Keyed[]): boolean {
  for (let i = 1; i < entries.length; i++) if ((entries[i - 1]?.key ?? '') > (entries[i]?.key ?? '')) return false;
  return true;
}
