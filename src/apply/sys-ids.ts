import type { LiveState } from '../kinds/live.js';
import { LINK_KIND_NAMES, RECORD_KIND_NAMES, type KindName } from '../kinds/names.js';

/**
 * sys_ids by natural key, read with the live state and extended as creates succeed, so a
 * membership can be written right after its account was created in the same apply.
 */
export class SysIdIndex {
  private readonly ids = new Map<string, string>();

  static fromLive(live: LiveState): SysIdIndex {
    const index = new SysIdIndex();
    for (const r of live.people) index.set('person', r.key, r.sysId);
    for (const name of RECORD_KIND_NAMES) for (const r of live.records[name]) index.set(name, r.key, r.sysId);
    for (const name of LINK_KIND_NAMES) for (const l of live.links[name]) index.set(name, linkId(l.from, l.to), l.sysId);
    return index;
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
