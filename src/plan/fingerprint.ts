import type { LiveState, RowVersion } from '../kinds/live.js';
import { LINK_KIND_NAMES, RECORD_KIND_NAMES } from '../kinds/names.js';
import { createHash } from 'node:crypto';
import { canonicalJson, sha256 } from './canonical-json.js';
import type { Change } from './change.js';

/** Every row version the live state was built from, of every kind. */
export function rowVersions(live: LiveState): RowVersion[] {
  return [
    ...RECORD_KIND_NAMES.flatMap((name) => live.records[name].map((r) => r.version)),
    ...LINK_KIND_NAMES.flatMap((name) => live.links[name].map((l) => l.version)),
  ];
}

/**
 * A hash of the live rows a plan was computed from: any row added, removed or modified since
 * (sys_mod_count moves on every update) changes it, which is how apply detects a stale plan.
 * It is the SHA-256 of the lines `table:sys_id:mod_count`, sorted as text and joined by line
 * breaks, fed to the hash line by line: at 500,000 rows the lines, their joined text and its
 * UTF-8 copy were each tens of megabytes held at once.
 */
export function liveFingerprint(live: LiveState): string {
  const byTable = new Map<string, RowVersion[]>();
  for (const version of rowVersions(live)) {
    const rows = byTable.get(version.table);
    if (rows === undefined) byTable.set(version.table, [version]);
    else rows.push(version);
  }
  // A table name holds no ':', so `table:` never starts another table's lines: each table's
  // lines sort together, tables in the order of their `table:` prefix.
  const tables = [...byTable.keys()].sort((a, b) => compare(`${a}:`, `${b}:`));
  const hash = createHash('sha256');
  let first = true;
  for (const table of tables) {
    for (const v of (byTable.get(table) ?? []).sort(byLine)) {
      hash.update(`${first ? '' : '\n'}${table}:${v.sysId}:${v.modCount}`);
      first = false;
    }
  }
  return hash.digest('hex');
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** As the texts `sys_id:mod_count` compare, made only when one sys_id starts the other (the rest decides then). */
function byLine(a: RowVersion, b: RowVersion): number {
  if (a.sysId !== b.sysId && !a.sysId.startsWith(b.sysId) && !b.sysId.startsWith(a.sysId)) return compare(a.sysId, b.sysId);
  return compare(`${a.sysId}:${a.modCount}`, `${b.sysId}:${b.modCount}`);
}

/**
 * A hash of what the plan would do. Source positions and origins are left out: moving a line
 * changes nothing, and whether a change reverts drift depends on which base the plan was
 * compared with (a pull request's plan has one, the apply after merging has none).
 */
export function planHash(changes: readonly Change[]): string {
  return sha256(canonicalJson(changes.map(({ at: _at, origin: _origin, ...rest }) => rest)));
}
