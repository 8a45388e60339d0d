import type { LiveState, RowVersion } from '../kinds/live.js';
import { isLinkKindName } from '../kinds/names.js';
import { LINK_KINDS } from '../kinds/registry.js';
import type { Change } from './change.js';

export interface LastChange {
  readonly by: string;
  readonly on: string;
}

/**
 * The live row a change is about: the record for a record change; for a link, its row when it
 * exists (added by hand), else the record it hangs from. A row deleted by hand is not there to
 * ask; only sys_audit knows.
 */
export function rowOf(change: Change, live: LiveState): RowVersion | undefined {
  if (!isLinkKindName(change.kind)) return live.records[change.kind].find((r) => r.key === change.key)?.version;
  const link = change.link;
  if (link === undefined) return undefined;
  const row = live.links[change.kind].find((l) => l.from === link.from && l.to === link.to);
  if (row !== undefined) return row.version;
  return live.records[LINK_KINDS[change.kind].from.kind].find((r) => r.key === link.from)?.version;
}

/** Who last changed the row a change is about, and when, as the instance recorded it. */
export function lastChangeOf(change: Change, live: LiveState): LastChange | undefined {
  const version = rowOf(change, live);
  return version?.updatedBy ? { by: version.updatedBy, on: version.updatedOn } : undefined;
}
