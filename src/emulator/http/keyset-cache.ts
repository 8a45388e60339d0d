import type { Row } from '../store.js';

/**
 * Keyset paging (`…^sys_id>X^ORDERBYsys_id`, with `sys_id<=Y` for a key range) asks for the
 * same match again and again with a moving bound. A real instance answers that from an index;
 * the emulator remembers the full sorted match per (table, query without the bounds) with the
 * state it was computed from (its stamp: select.ts) and cuts the range by binary search, so
 * paging a 70,000-row table does not cost a full scan per page. A write the match may depend on
 * moves the stamp, which retires it.
 */
export interface KeysetQuery {
  /** The query with the sys_id bounds removed from every ^NQ block. */
  readonly base: string;
  readonly after?: string;
  readonly upTo?: string;
}

const ORDER_BY_SYS_ID = 'ORDERBYsys_id';

/**
 * The bounds of a keyset page query, when it is one: every block carries the same bounds. A
 * query in sys_id order without bounds is the first page of such a read: same match, no cut.
 */
export function parseKeyset(query: string): KeysetQuery | undefined {
  if (!query.endsWith(ORDER_BY_SYS_ID) || query.includes('^^')) return undefined;
  const body = query.slice(0, -ORDER_BY_SYS_ID.length).replace(/\^$/, '');
  if (/ORDERBY/.test(body)) return undefined;
  const blocks = body === '' ? [''] : body.split('^NQ');
  let after: string | undefined;
  let upTo: string | undefined;
  const bases: string[] = [];
  for (const [index, block] of blocks.entries()) {
    const terms = block === '' ? [] : block.split('^');
    const blockAfter = terms.find((t) => t.startsWith('sys_id>') && !t.startsWith('sys_id>='))?.slice('sys_id>'.length);
    const blockUpTo = terms.find((t) => t.startsWith('sys_id<='))?.slice('sys_id<='.length);
    if (index === 0) {
      after = blockAfter;
      upTo = blockUpTo;
    } else if (blockAfter !== after || blockUpTo !== upTo) {
      return undefined;
    }
    bases.push(terms.filter((t) => !(t.startsWith('sys_id>') && !t.startsWith('sys_id>=')) && !t.startsWith('sys_id<=')).join('^'));
  }
  const base = [bases.join('^NQ'), ORDER_BY_SYS_ID].filter((part) => part !== '' && part !== '^NQ').join('^');
  return { base, ...(after === undefined ? {} : { after }), ...(upTo === undefined ? {} : { upTo }) };
}

/** Rows with after < sys_id <= upTo, from rows sorted by sys_id. */
export function cutRange(sorted: readonly Row[], after: string | undefined, upTo: string | undefined): Row[] {
  const firstAbove = (key: string, inclusive: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const id = sorted[mid]?.values['sys_id'] ?? '';
      if (inclusive ? id < key : id <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const start = after === undefined ? 0 : firstAbove(after, false);
  const end = upTo === undefined ? sorted.length : firstAbove(upTo, false);
  return sorted.slice(start, end);
}

export class KeysetCache {
  private readonly entries = new Map<string, { readonly stamp: string; readonly rows: readonly Row[] }>();

  /** The match remembered for `key`, when it was computed from the state `stamp` names. */
  get(key: string, stamp: string): readonly Row[] | undefined {
    const entry = this.entries.get(key);
    return entry?.stamp === stamp ? entry.rows : undefined;
  }

  set(key: string, stamp: string, rows: readonly Row[]): void {
    this.entries.delete(key);
    if (this.entries.size >= 16) this.entries.delete(this.entries.keys().next().value ?? '');
    this.entries.set(key, { stamp, rows });
  }
}
