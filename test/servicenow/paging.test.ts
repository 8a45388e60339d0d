import { describe, expect, it } from 'vitest';
import { keysetQuery, queryBlocks, readAllPages, type Page, type PageRequest, type Row } from '../../src/servicenow/paging.js';
import { FakeTable, userRow, users } from './support.js';

const fail = (what: string, fix: string) => new Error(`${what}: ${fix}`);

function read(table: FakeTable, pageSize: number, query = ''): Promise<Row[]> {
  return readAllPages((request) => Promise.resolve(table.answer(request)), { query, pageSize, fail });
}

const ids = (rows: readonly Row[]) => rows.map((row) => row['sys_id']);

describe('keyset queries', () => {
  it.each([
    ['', undefined, 'ORDERBYsys_id'],
    ['', 'abc', 'sys_id>abc^ORDERBYsys_id'],
    ['active=true', undefined, 'active=true^ORDERBYsys_id'],
    ['active=true', 'abc', 'active=true^sys_id>abc^ORDERBYsys_id'],
    ['a=1^ORb=2', 'abc', 'a=1^ORb=2^sys_id>abc^ORDERBYsys_id'],
    ['a=1^NQb=2', 'abc', 'a=1^sys_id>abc^NQb=2^sys_id>abc^ORDERBYsys_id'],
    ['active=true^ORDERBYuser_name', 'abc', 'active=true^sys_id>abc^ORDERBYsys_id'],
    ['ORDERBYDESCsys_created_on^active=true', undefined, 'active=true^ORDERBYsys_id'],
    ['name=a^^NQb', 'abc', 'name=a^^NQb^sys_id>abc^ORDERBYsys_id'],
    ['user_nameINa,b^NQuser_nameSTARTSWITHsvc_^ORDERBYuser_name', 'f0', 'user_nameINa,b^sys_id>f0^NQuser_nameSTARTSWITHsvc_^sys_id>f0^ORDERBYsys_id'],
  ])('%s after %s gives %s', (query, after, expected) => {
    expect(keysetQuery(queryBlocks(query), after)).toBe(expected);
  });

  it('keeps an escaped caret inside a value as text', () => {
    expect(queryBlocks('description=a^^b^active=true')).toEqual([['description=a^^b', 'active=true']]);
  });
});

describe('reading every page', () => {
  it('reads an empty table in one counted request', async () => {
    const table = new FakeTable();
    expect(await read(table, 100)).toEqual([]);
    expect(table.requests).toEqual([{ query: 'ORDERBYsys_id', offset: 0, limit: 100, count: true }]);
  });

  it('reads a table that fits one page in one request', async () => {
    const table = new FakeTable(users(7));
    expect(ids(await read(table, 10))).toEqual(ids(table.all()));
    expect(table.requests).toHaveLength(1);
  });

  it('reads a table of exactly one full page in one request: the count says it is all', async () => {
    const table = new FakeTable(users(10));
    expect(ids(await read(table, 10))).toEqual(ids(table.all()));
    expect(table.requests.map((r) => r.count)).toEqual([true]);
  });

  it('reads several pages by keyset, counting only the first, and stops at a short page once every counted row is read', async () => {
    const table = new FakeTable(users(25));
    const all = table.all();
    expect(ids(await read(table, 10))).toEqual(ids(all));
    expect(table.requests).toEqual([
      { query: 'ORDERBYsys_id', offset: 0, limit: 10, count: true },
      { query: `sys_id>${all[9]?.['sys_id']}^ORDERBYsys_id`, offset: 0, limit: 10, count: false },
      { query: `sys_id>${all[19]?.['sys_id']}^ORDERBYsys_id`, offset: 0, limit: 10, count: false },
    ]);
  });

  it('costs ceil(rows / page size) + 1 requests when the rows fill their pages exactly', async () => {
    const table = new FakeTable(users(30));
    await read(table, 10);
    expect(table.requests).toHaveLength(4);
    expect(table.requests.map((r) => r.count)).toEqual([true, false, false, true]);
  });

  it('does not stop at a page shortened by read ACLs', async () => {
    const table = new FakeTable(users(30));
    const all = table.all();
    for (const i of [1, 2, 5, 8, 9, 17]) table.hide(all[i]?.['sys_id'] ?? '');
    expect(ids(await read(table, 10))).toEqual(ids(table.visible()));
  });

  it('does not stop at a page that read ACLs emptied, and skips it by offset', async () => {
    const table = new FakeTable(users(40));
    const all = table.all();
    for (const row of all.slice(3, 27)) table.hide(row['sys_id'] ?? '');
    const rows = await read(table, 10);
    expect(ids(rows)).toEqual(ids(table.visible()));
    expect(rows).toHaveLength(16);
    expect(table.requests.some((r) => r.offset > 0)).toBe(true);
  });

  it('reads a table whose first pages are all hidden', async () => {
    const table = new FakeTable(users(35));
    const all = table.all();
    for (const row of all.slice(0, 31)) table.hide(row['sys_id'] ?? '');
    expect(ids(await read(table, 10))).toEqual(ids(all.slice(31)));
  });

  it('returns every row that existed for the whole read once when rows are inserted before the read position', async () => {
    const table = new FakeTable(users(30));
    const before = ids(table.all());
    // After the first page, insert rows that sort before, inside and after what was read:
    // with offsets these would shift the rest and repeat rows; keyset is not moved by them.
    table.beforePage = (n, t) => {
      if (n === 1) for (const name of ['new_a', 'new_b', 'new_c', 'new_d', 'new_e']) t.insert(userRow(name));
    };
    const rows = await read(table, 10);
    expect(new Set(ids(rows)).size).toBe(rows.length);
    for (const id of before) expect(ids(rows)).toContain(id);
  });

  it('skips no row when rows are deleted behind the read position mid-read', async () => {
    const table = new FakeTable(users(30));
    const all = table.all();
    table.beforePage = (n, t) => {
      if (n === 2) for (const row of all.slice(0, 8)) t.delete(row['sys_id'] ?? '');
    };
    const rows = await read(table, 10);
    expect(ids(rows)).toEqual(ids(all));
  });

  it('fails instead of returning a row twice when the instance repeats one', async () => {
    const [a, b] = users(2);
    const pages: Page[] = [
      { rows: [a ?? {}, b ?? {}], total: 4 },
      { rows: [b ?? {}], total: undefined },
    ];
    let n = 0;
    const readPage = () => Promise.resolve(pages[n++] ?? { rows: [], total: 0 });
    await expect(readAllPages(readPage, { query: '', pageSize: 2, fail })).rejects.toThrow(/row [0-9a-f]{32} twice/);
  });

  it('trusts X-Total-Count only on pages that asked for a count', async () => {
    const [a, b, c, d, e] = users(5);
    const pages: Page[] = [
      { rows: [a ?? {}, b ?? {}], total: 5 },
      { rows: [c ?? {}, d ?? {}], total: 2 },
      { rows: [e ?? {}], total: 1 },
    ];
    const requests: PageRequest[] = [];
    const readPage = (request: PageRequest) => {
      requests.push(request);
      return Promise.resolve(pages[requests.length - 1] ?? { rows: [], total: 0 });
    };
    const rows = await readAllPages(readPage, { query: '', pageSize: 2, fail });
    expect(ids(rows)).toEqual(ids([a ?? {}, b ?? {}, c ?? {}, d ?? {}, e ?? {}]));
    expect(requests.map((r) => r.count)).toEqual([true, false, false]);
  });

  it('fails when a counted page has no X-Total-Count', async () => {
    await expect(readAllPages(() => Promise.resolve({ rows: [], total: undefined }), { query: '', pageSize: 10, fail })).rejects.toThrow(
      /without X-Total-Count.*strip response headers/,
    );
  });

  it('fails when rows come without sys_id', async () => {
    const page: Page = { rows: [{ user_name: 'svc_a' }], total: 1 };
    await expect(readAllPages(() => Promise.resolve(page), { query: '', pageSize: 10, fail })).rejects.toThrow(/without sys_id.*field ACL/);
  });

  it("takes rows in the instance's own order (its collation is not JavaScript's), and fails instead of looping when a page repeats them", async () => {
    const rows = users(3);
    const whole = await readAllPages(() => Promise.resolve({ rows: [...rows].reverse(), total: 3 }), { query: '', pageSize: 3, fail });
    expect(ids(whole)).toEqual(ids([...rows].reverse()));
    const requests: PageRequest[] = [];
    const readPage = (request: PageRequest): Promise<Page> => {
      requests.push(request);
      return Promise.resolve({ rows: [rows[2] ?? {}, rows[1] ?? {}], total: 3 });
    };
    await expect(readAllPages(readPage, { query: '', pageSize: 2, fail })).rejects.toThrow(/twice/);
    expect(requests).toHaveLength(2);
  });
});
