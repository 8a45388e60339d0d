import type { Row, Store } from './store.js';

interface Keyed {
  readonly key: string;
  readonly sysId: string;
}

interface Ordered {
  /** What the order was built from: the rows the table held, and the field's values. */
  readonly shape: number;
  readonly fieldRevision: number;
  readonly entries: readonly Keyed[];
}

const orders = new WeakMap<Store, Map<string, Ordered>>();

/**
 * The rows of a table (and the tables extending it) whose `field` starts with `prefix`,
 * case-insensitively, as ServiceNow's STARTSWITH matches: a range of the field's index, which a
 * real instance's database keeps in value order. The order holds sys_ids and is built again
 * only when a row is added or removed or the field changes: updates to other fields (a session
 * start stamps last_login_time) leave it as it is, and the range found by binary search is read
 * as the rows are now.
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
    const row = store.get(table, entry.sysId);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

function valueOrder(store: Store, table: string, field: string): readonly Keyed[] {
  let byTable = orders.get(store);
  if (byTable === undefined) orders.set(store, (byTable = new Map()));
  const name = `${table}|${field}`;
  const shape = store.familyShape(table);
  const fieldRevision = store.fieldRevision(table, field);
  const cached = byTable.get(name);
  if (cached?.shape === shape && cached.fieldRevision === fieldRevision) return cached.entries;
  const entries = [...store.scan(table)].map((row) => ({ key: (row.values[field] ?? '').toLowerCase(), sysId: row.values['sys_id'] ?? '' }));
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  byTable.set(name, { shape, fieldRevision, entries });
  return entries;
}
