import type { SourceRef } from '../diagnostics.js';
import type { LiveLink } from '../kinds/live.js';
import type { Declared } from '../model/scalar.js';
import type { Change, KindName } from './change.js';

export interface DeclaredLinks {
  readonly from: string;
  /** undefined = this relation is not managed for `from`. */
  readonly to: readonly Declared<string>[] | undefined;
  readonly at: SourceRef;
}

export const linkKey = (from: string, to: string) => `${from} → ${to}`;

/**
 * Grants and revocations that make the live links of each declared `from` equal to its
 * declared list. `from`s whose list is undefined are left alone.
 */
export function diffLinks(kind: KindName, declared: readonly DeclaredLinks[], live: readonly LiveLink[], label: Labeler = (k) => k): Change[] {
  const liveByFrom = new Map<string, Set<string>>();
  for (const link of live) {
    const set = liveByFrom.get(link.from) ?? new Set<string>();
    set.add(link.to);
    liveByFrom.set(link.from, set);
  }
  const changes: Change[] = [];
  for (const { from, to, at } of declared) {
    if (to === undefined) continue;
    const have = liveByFrom.get(from) ?? new Set<string>();
    const want = new Map(to.map((d) => [d.value.trim().toLowerCase(), d.at]));
    for (const [target, where] of want) {
      if (!have.has(target)) changes.push(linkChange(kind, 'grant', from, target, where, label));
    }
    for (const target of have) {
      if (!want.has(target)) changes.push(linkChange(kind, 'revoke', from, target, at, label));
    }
  }
  return changes;
}

/** How a natural key reads to people: a group's declared or live name instead of its lower-cased key. */
export type Labeler = (key: string) => string;

function linkChange(kind: KindName, action: 'grant' | 'revoke', from: string, to: string, at: SourceRef, label: Labeler): Change {
  const key = linkKey(from, to);
  const readable = linkKey(label(from), label(to));
  return { kind, key, ...(readable === key ? {} : { label: readable }), action, link: { from, to }, fields: [], origin: 'declared', risk: 'normal', risks: [], at };
}
