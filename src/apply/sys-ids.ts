import type { LiveLink, LiveState } from '../kinds/live.js';
import { LINK_KIND_NAMES, RECORD_KIND_NAMES, type KindName } from '../kinds/names.js';
import { duplicateRows } from '../plan/diff-links.js';

/**
 * sys_ids by natural key, read with the live state and extended as creates succeed, so a
 * membership can be written right after its account was created in the same apply.
 */
export class SysIdIndex {
  private readonly ids = new Map<string, string>();
  /** Rows of links the instance holds more than once, oldest first (the first is the link). */
  private readonly rows = new Map<string, string[]>();

  static fromLive(live: LiveState): SysIdIndex {
    const index = new SysIdIndex();
    for (const r of live.people) index.set('person', r.key, r.sysId);
    for (const name of RECORD_KIND_NAMES) for (const r of live.records[name]) index.set(name, r.key, r.sysId);
    for (const name of LINK_KIND_NAMES) {
      // Grouped once (a link's rows found by a scan each would cost links² on a large instance).
      const byLink = new Map<string, LiveLink[]>();
      for (const l of live.links[name]) {
        const id = linkId(l.from, l.to);
        const rows = byLink.get(id);
        if (rows) rows.push(l);
        else byLink.set(id, [l]);
      }
      for (const [id, links] of byLink) {
        const first = links[0];
        if (first === undefined) continue;
        const rows = links.length === 1 ? [first.sysId] : duplicateRows(links, first.from, first.to).map((row) => row.sysId);
        index.set(name, id, rows[0] ?? first.sysId);
        if (rows.length > 1) index.rows.set(`${name}:${id}`, rows);
      }
    }
    return index;
  }

  /** The sys_id of the `row`th row (by age) of a link held more than once. */
  duplicate(kind: KindName, linkKey: string, row: number): string | undefined {
    return this.rows.get(`${kind}:${linkKey}`)?.[row - 1];
  }

  get(kind: KindName | 'person', key: string): string | undefined {
    return this.ids.get(`${kind}:${key}`);
  }

  set(kind: KindName | 'person', key: string, sysId: string): void {
    this.ids.set(`${kind}:${key}`, sysId);
  }

  delete(kind: KindName, key: string): void {
    this.ids.delete(`${kind}:${key}`);
  }

  /** A user by user_name, whether it is one of the accounts or a person (an owner). */
  user(userName: string): string | undefined {
    return this.get('ServiceAccount', userName) ?? this.get('person', userName);
  }
}

export const linkId = (from: string, to: string) => `${from}\u0000${to}`;
