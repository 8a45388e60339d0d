import type { SourceRef } from '../diagnostics.js';
import type { LiveLink } from '../model/live.js';
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
export function diffLinks(kind: KindName, declared: readonly DeclaredLinks[], live: readonly LiveLink[]): Change[] {
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
      if (!have.has(target)) changes.push(linkChange(kind, 'grant', from, target, where));
    }
    for (const target of have) {
      if (!want.has(target)) changes.push(linkChange(kind, 'revoke', from, target, at));
    }
  }
  return changes;
}

function linkChange(kind: KindName, action: 'grant' | 'revoke', from: string, to: string, at: SourceRef): Change {
  return { kind, key: linkKey(from, to), action, link: { from, to }, fields: [], origin: 'declared', risk: 'normal', risks: [], at };
}
