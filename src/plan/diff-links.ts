import type { SourceRef } from '../diagnostics.js';
import type { DeclaredLinks } from '../kinds/kind.js';
import type { LiveLink } from '../kinds/live.js';
import { naturalKey, type NaturalKey } from '../model/keys.js';
import type { Declared } from '../model/scalar.js';
import type { Change, KindName } from './change.js';


export const linkKey = (from: string, to: string) => `${from} → ${to}`;

/**
 * Grants and revocations that make the live links of each declared `from` equal to its
 * declared list. `from`s whose list is undefined are left alone.
 */
export function diffLinks(kind: KindName, declared: readonly DeclaredLinks[], live: readonly LiveLink[], label: Labeler = (k) => k): Change[] {
  const liveByFrom = new Map<NaturalKey, Map<NaturalKey, LiveLink[]>>();
  for (const link of live) {
    let byTo = liveByFrom.get(link.from);
    if (byTo === undefined) liveByFrom.set(link.from, (byTo = new Map<NaturalKey, LiveLink[]>()));
    const rows = byTo.get(link.to);
    if (rows === undefined) byTo.set(link.to, [link]);
    else rows.push(link);
  }
  const changes: Change[] = [];
  for (const { from, to, at } of declared) {
    if (to === undefined) continue;
    const have = liveByFrom.get(from) ?? new Map<NaturalKey, LiveLink[]>();
    const want = new Map(to.map((d) => [naturalKey(d.value), d.at]));
    for (const [target, where] of want) {
      if (!have.has(target)) changes.push(linkChange(kind, 'grant', from, target, where, label));
    }
    for (const [target, rows] of have) {
      if (!want.has(target)) changes.push(linkChange(kind, 'revoke', from, target, at, label));
      // Rows beyond the first hold the same link again: each extra goes, the oldest stays.
      for (let row = 2; row <= rows.length; row += 1) changes.push(duplicateChange(kind, from, target, row, want.get(target) ?? at, label));
    }
  }
  return changes;
}

/** The rows of one link, oldest first (creation time, then sys_id): the first is the link, the rest are duplicates. */
export function duplicateRows(live: readonly LiveLink[], from: NaturalKey, to: NaturalKey): LiveLink[] {
  return live
    .filter((l) => l.from === from && l.to === to)
    .sort((a, b) => compare(a.version.createdOn, b.version.createdOn) || compare(a.sysId, b.sysId));
}

/** How a natural key reads to people: a group's declared or live name instead of its lower-cased key. */
export type Labeler = (key: string) => string;

function duplicateChange(kind: KindName, from: NaturalKey, to: NaturalKey, row: number, at: SourceRef, label: Labeler): Change {
  const key = `${linkKey(from, to)} (row ${row})`;
  const readable = `${linkKey(label(from), label(to))} (row ${row})`;
  return { kind, key, ...(readable === key ? {} : { label: readable }), action: 'delete', link: { from, to }, duplicate: row, fields: [], origin: 'duplicate', risk: 'normal', risks: [], at };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function linkChange(kind: KindName, action: 'grant' | 'revoke', from: NaturalKey, to: NaturalKey, at: SourceRef, label: Labeler): Change {
  const key = linkKey(from, to);
  const readable = linkKey(label(from), label(to));
  return { kind, key, ...(readable === key ? {} : { label: readable }), action, link: { from, to }, fields: [], origin: 'declared', risk: 'normal', risks: [], at };
}
