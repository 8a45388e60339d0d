import { LINK_KINDS, RECORD_KINDS } from './registry.js';
import { inQueries } from './query.js';
import { readRows, type ReadRowsOptions } from './read-rows.js';
import { keyOf } from './row-fields.js';
import type { Row, TableReader } from './table-reader.js';

/** The column a group row names its parent by. */
export const PARENT_FIELD = 'parent.name';

/** Most levels of group parents followed (a loop or a very deep tree stops here). */
const MAX_LEVELS = 10;

export interface Lineage {
  /** group → parent group, natural keys, for every group whose row was read. */
  readonly parents: Record<string, string>;
  /** The role grants of ancestors not read before (their members inherit them). */
  readonly roleRows: Row[];
}

/**
 * Group parents, as Role Management V2 has them: a child group inherits its parent's roles (its
 * members are not members of the parent). Starting from the group rows already read and the
 * other groups the accounts belong to, parents are read level by level, each level one query,
 * with the role grants of every ancestor not read yet. granted_by on inherited rows is
 * deprecated, so this is how access through a group is explained.
 */
export async function readLineage(api: TableReader, groupRows: readonly Row[], others: Iterable<string>, rolesRead: ReadonlySet<string>, options: ReadRowsOptions): Promise<Lineage> {
  const parents: Record<string, string> = {};
  const known = new Set<string>();
  const withRoles = new Set(rolesRead);
  const roleRows: Row[] = [];
  const note = (rows: readonly Row[]): Set<string> => {
    const next = new Set<string>();
    for (const row of rows) {
      const group = keyOf(row['name']);
      const parent = keyOf(row[PARENT_FIELD]);
      known.add(group);
      if (parent === '') continue;
      parents[group] = parent;
      next.add(parent);
    }
    return next;
  };
  let pending = new Set([...note(groupRows), ...others]);
  const group = RECORD_KINDS.Group;
  const groupRole = LINK_KINDS.GroupRole;
  for (let level = 0; level < MAX_LEVELS && pending.size > 0; level++) {
    const unread = [...pending].filter((g) => !known.has(g));
    const missingRoles = [...pending].filter((g) => !withRoles.has(g));
    for (const g of missingRoles) withRoles.add(g);
    const [rows, grants] = await Promise.all([
      readRows(api, group.table, inQueries(group.keyField, unread), [group.keyField, PARENT_FIELD], options),
      readRows(api, groupRole.table, inQueries(groupRole.from.read, missingRoles), [groupRole.from.read, groupRole.to.read], options),
    ]);
    roleRows.push(...grants);
    pending = new Set([...note(rows)].filter((p) => !known.has(p) || !withRoles.has(p)));
  }
  return { parents, roleRows };
}
