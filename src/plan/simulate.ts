import type { LiveLink, LiveRecord, LiveState, RowVersion } from '../kinds/live.js';
import { isLinkKindName, LINK_KIND_NAMES, RECORD_KIND_NAMES, type LinkKindName, type RecordKindName } from '../kinds/names.js';
import { LINK_KINDS, RECORD_KINDS } from '../kinds/registry.js';
import { naturalKey, type NaturalKey } from '../model/keys.js';
import type { Scalar } from '../model/scalar.js';
import type { Change } from './change.js';
import { duplicateRows } from './diff-links.js';

const SIMULATED: RowVersion = { table: 'simulated', sysId: '', modCount: 0, updatedOn: '', updatedBy: 'snac', createdOn: '' };

/**
 * The live state as it would be after the changes, computed in memory (pure). Used for the
 * effective access a plan gives, and by tests: planning again from the result must be empty.
 */
export function simulate(live: LiveState, changes: readonly Change[]): LiveState {
  const records = Object.fromEntries(RECORD_KIND_NAMES.map((name) => [name, new Map(live.records[name].map((r) => [r.key, r]))])) as Record<RecordKindName, Map<NaturalKey, LiveRecord>>;
  const links = Object.fromEntries(LINK_KIND_NAMES.map((name) => [name, [...live.links[name]]])) as Record<LinkKindName, LiveLink[]>;
  for (const change of changes) {
    if (isLinkKindName(change.kind)) {
      if (change.link === undefined) continue;
      const { from, to } = change.link;
      if (change.duplicate !== undefined) {
        // One extra row of a link held more than once goes; the link itself stays.
        const extra = duplicateRows(links[change.kind], from, to)[change.duplicate - 1];
        links[change.kind] = links[change.kind].filter((l) => l !== extra);
        continue;
      }
      links[change.kind] = links[change.kind].filter((l) => l.from !== from || l.to !== to);
      if (change.action === 'grant') links[change.kind].push({ from, to, sysId: '', version: SIMULATED });
      continue;
    }
    const kind = RECORD_KINDS[change.kind];
    // A record change's key is the record's natural key (a plan file carries it as a string).
    const key = naturalKey(change.key);
    if (change.action === 'delete') {
      records[change.kind].delete(key);
      // A deleted record takes the links from it along (the instance cascades them).
      for (const name of LINK_KIND_NAMES) if (LINK_KINDS[name].from.kind === change.kind) links[name] = links[name].filter((l) => l.from !== key);
      continue;
    }
    const existing = records[change.kind].get(key);
    const fields: Record<string, Scalar> = existing === undefined ? { ...kind.createDefaults } : { ...existing.fields };
    for (const field of change.fields) fields[field.field] = field.after;
    records[change.kind].set(key, { key, sysId: existing?.sysId ?? '', fields, version: existing?.version ?? SIMULATED });
  }
  const sorted = (map: Map<NaturalKey, LiveRecord>) => [...map.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    ...live,
    records: Object.fromEntries(RECORD_KIND_NAMES.map((name) => [name, sorted(records[name])])) as Record<RecordKindName, LiveRecord[]>,
    links,
  };
}
