/** A row as the Table API returns it with display values off and reference links excluded. */
export type Row = Readonly<Record<string, string>>;

export interface PageRequest {
  /** The encoded query, keyset condition and ORDERBYsys_id included. */
  readonly query: string;
  readonly offset: number;
  readonly limit: number;
  /** Ask for X-Total-Count (sysparm_no_count=false). */
  readonly count: boolean;
}

export interface Page {
  readonly rows: readonly Row[];
  /** X-Total-Count: rows matching the query before read ACLs, when counted. */
  readonly total: number | undefined;
}

/**
 * Split an encoded query into its `^NQ` blocks of `^` terms, keeping `^^` (an escaped caret
 * inside a value) as text and dropping ORDERBY terms: paging imposes its own order.
 */
export function queryBlocks(query: string): string[][] {
  const blocks: string[][] = [[]];
  let term = '';
  const close = () => {
    const block = blocks[blocks.length - 1] ?? [];
    if (term.startsWith('NQ')) {
      blocks.push([]);
      term = term.slice(2);
      return close();
    }
    if (term !== '' && !term.startsWith('ORDERBY')) block.push(term);
    term = '';
  };
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '^' && query[i + 1] === '^') {
      term += '^^';
      i++;
    } else if (c === '^') {
      close();
    } else {
      term += c;
    }
  }
  close();
  return blocks;
}

/**
 * The query for the page after `after`: every `^NQ` block gets `sys_id>after` (a `^NQ` block
 * is ORed, so one condition at the end would bind only to the last block), then ORDERBYsys_id.
 */
export function keysetQuery(blocks: readonly (readonly string[])[], after: string | undefined): string {
  const key = after === undefined ? [] : [`sys_id>${after}`];
  const parts = blocks.map((terms) => [...terms, ...key].join('^')).filter((part) => part !== '');
  return [parts.join('^NQ'), 'ORDERBYsys_id'].filter((part) => part !== '').join('^');
}

/**
 * Read every row of a query, page by page, by keyset: `sys_id>last^ORDERBYsys_id`.
 *
 * Why keyset and not offsets: offsets count rows at request time, so a row inserted or
 * deleted before the current offset during the read shifts the rest, and an offset read then
 * returns a row twice or skips one. `sys_id>last` does not move: every row that exists for
 * the whole read is returned exactly once, whatever happens to other rows meanwhile.
 *
 * Read ACLs: the instance cuts a page at sysparm_limit before dropping unreadable rows, so a
 * page can be short or empty while readable rows follow, and a short page is not the end.
 * The next page starts after the last row seen; when a whole page was hidden there is no
 * new key, so it advances by offset from the same key instead. The end is known only from a
 * count: X-Total-Count of `sys_id>key` counts the rows left before ACLs, and when this page
 * reached past it the read is done. A count is asked for on the first page, after a short
 * page, and once the rows read reach the first page's total; a table readable in full thus
 * costs ceil(rows / pageSize) requests plus one.
 *
 * No row comes back twice: a sys_id read before fails the read rather than loop. Repeats are
 * told by sys_id, not by comparing sys_ids, whose order is the instance's collation, not
 * JavaScript's.
 */
export interface ReadOptions {
  readonly query: string;
  readonly pageSize: number;
  readonly fail: (what: string, fix: string) => Error;
  /** Start after this sys_id (a partition's lower bound, exclusive). */
  readonly after?: string;
  /** Stop at this sys_id (a partition's upper bound, inclusive). */
  readonly upTo?: string;
  /**
   * Rows counted but hidden by read ACLs: `skip` them (the default here), or `fail` the read,
   * so that a partial table never passes for a whole one.
   */
  readonly hidden?: 'fail' | 'skip';
  /** Told how many rows were counted but hidden (skipped), when some were. */
  readonly onHidden?: (count: number) => void;
  /** sys_ids read so far, shared by the ranges of a partitioned read (added to as rows arrive). */
  readonly seen?: Set<string>;
}

const REPEATED_FIX = 'the instance did not honour ORDERBYsys_id and sys_id>…, which paging relies on; report this with the table name';

export function readAllPages(readPage: (request: PageRequest) => Promise<Page>, options: ReadOptions): Promise<Row[]> {
  return readPagesAs(readPage, options, (row) => row);
}

/**
 * readAllPages, each row converted as its page arrives (`convert`), so that a large read keeps
 * what the caller makes of its rows, not the rows themselves.
 */
export async function readPagesAs<T>(readPage: (request: PageRequest) => Promise<Page>, options: ReadOptions, convert: (row: Row) => T): Promise<T[]> {
  const { pageSize: limit, fail } = options;
  const upTo = options.upTo;
  const blocks = queryBlocks(options.query).map((terms) => (upTo === undefined ? terms : [...terms, `sys_id<=${upTo}`]));
  const rows: T[] = [];
  let count = 0;
  const seen = options.seen ?? new Set<string>();
  let after: string | undefined = options.after;
  let offset = 0;
  let counted = true;
  let firstTotal: number | undefined;
  for (;;) {
    const page = await readPage({ query: keysetQuery(blocks, after), offset, limit, count: counted });
    if (counted && page.total === undefined) {
      throw fail(
        'a page without X-Total-Count, so the end of the table cannot be told from rows hidden by ACLs',
        'a proxy between snac and the instance may strip response headers: let X-Total-Count through',
      );
    }
    // X-Total-Count is trusted only when it was asked for: a count sent anyway may be stale.
    const total: number | undefined = counted ? page.total : undefined;
    let last = after;
    for (const row of page.rows) {
      const id = row['sys_id'];
      if (!id) throw fail('rows without sys_id', 'a field ACL hides sys_id from the reconciler: it needs read access to the whole record');
      if (seen.has(id)) throw fail(`row ${id} twice`, REPEATED_FIX);
      seen.add(id);
      last = id;
      rows.push(convert(row));
      count += 1;
    }
    firstTotal ??= total;
    const finish = () => {
      const missing = firstTotal === undefined ? 0 : firstTotal - count;
      if (options.hidden === 'fail' && missing > 0) {
        throw fail(
          `${missing} of the ${firstTotal} rows matching the query are hidden from the reconciler by read ACLs (or were deleted while it read)`,
          "give snac's account read access to every row of the table (the u_snac_reconciler ACLs in the README), then run again: snac never plans from a partial read",
        );
      }
      if (missing > 0) options.onHidden?.(missing);
      return rows;
    };
    if (total !== undefined && offset + limit >= total) return finish();
    // A short page once every row counted at the start has been read: nothing was hidden, so
    // this is the end (rows added since are not promised; rows that existed throughout are).
    if (page.rows.length < limit && firstTotal !== undefined && count >= firstTotal) return finish();
    if (page.rows.length > 0) {
      after = last;
      offset = 0;
    } else {
      offset += limit;
    }
    counted = page.rows.length < limit || (firstTotal !== undefined && count >= firstTotal);
  }
}

const SYS_ID = /^[0-9a-f]{32}$/;
const KEY_SPACE_END = (1n << 128n) - 1n;

/**
 * Read a large table in `partitions` key ranges side by side. The first page is read as usual;
 * when its count shows more than two pages to go, the sys_id space after its last row is cut
 * into equal ranges (sys_ids are random 128-bit hex, so the ranges hold about as many rows
 * each) and each range is read by keyset on its own session. Rows stay in sys_id order and
 * each range keeps keyset paging's guarantees. The price: up to one partly filled page per
 * extra range, so at most partitions - 1 requests more than reading in one sequence, for
 * about 1 / partitions of the time.
 */
export async function readPartitioned<T>(readPage: (request: PageRequest) => Promise<Page>, options: ReadOptions & { readonly partitions: number }, convert: (row: Row) => T): Promise<T[]> {
  const { pageSize: limit, partitions } = options;
  const page = await readPage({ query: keysetQuery(queryBlocks(options.query), undefined), offset: 0, limit, count: true });
  const last = page.rows[page.rows.length - 1]?.['sys_id'];
  const remaining = page.total === undefined ? 0 : page.total - limit;
  const worthIt = partitions > 1 && last !== undefined && SYS_ID.test(last) && page.rows.length === limit && remaining > 2 * limit;
  if (!worthIt) {
    // Go on in one sequence, handing the page already read to the sequential reader first.
    let replayed = false;
    const replayFirst = async (request: PageRequest) => {
      if (replayed) return readPage(request);
      replayed = true;
      return page;
    };
    return readPagesAs(replayFirst, options, convert);
  }
  const ids = new Set(page.rows.map((row) => row['sys_id'] ?? ''));
  if (ids.size !== page.rows.length) throw options.fail('a row twice on one page', REPEATED_FIX);
  const lo = BigInt(`0x${last}`);
  const step = (KEY_SPACE_END - lo) / BigInt(partitions);
  const bounds = Array.from({ length: partitions - 1 }, (_, i) => (lo + step * BigInt(i + 1)).toString(16).padStart(32, '0'));
  const ranges = await Promise.all(
    [last, ...bounds].map((start, i) => readPagesAs(readPage, { ...options, seen: ids, after: start, ...(bounds[i] === undefined ? {} : { upTo: bounds[i] }) }, convert)),
  );
  return [...page.rows.map(convert), ...ranges.flat()];
}
