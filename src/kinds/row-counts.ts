import type { LiveState } from './live.js';
import { ALL_LINK_KINDS, ALL_RECORD_KINDS, INHERITED_ROLES_TABLE } from './registry.js';

/** Rows a live state was built from, per table (inherited role rows with the direct ones). */
export function rowCountsByTable(live: LiveState): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (table: string, n: number) => counts.set(table, (counts.get(table) ?? 0) + n);
  for (const kind of ALL_RECORD_KINDS) add(kind.table, live.records[kind.name].length);
  for (const kind of ALL_LINK_KINDS) add(kind.table, live.links[kind.name].length);
  add(INHERITED_ROLES_TABLE, live.inheritedRoles.length);
  return counts;
}
