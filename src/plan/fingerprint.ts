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
 */
export function liveFingerprint(live: LiveState): string {
  const lines = rowVersions(live).map((v) => `${v.table}:${v.sysId}:${v.modCount}`);
  // The hash of the sorted lines joined by line breaks, fed line by line: at 500,000 rows the
  // joined text and its UTF-8 copy were each as large as every line together.
  const hash = createHash('sha256');
  for (const [i, line] of lines.sort().entries()) hash.update(i === 0 ? line : `\n${line}`);
  return hash.digest('hex');
}

/**
 * A hash of what the plan would do. Source positions and origins are left out: moving a line
 * changes nothing, and whether a change reverts drift depends on which base the plan was
 * compared with (a pull request's plan has one, the apply after merging has none).
 */
export function planHash(changes: readonly Change[]): string {
  return sha256(canonicalJson(changes.map(({ at: _at, origin: _origin, ...rest }) => rest)));
}
