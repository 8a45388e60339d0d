import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { END, renderTables, START } from '../../src/bench/readme-table.js';
import { resultProblems, type Figure } from '../../src/bench/results.js';

/**
 * A tiny `npm run bench` (40 accounts, 200 people, 10 changes; a few seconds) from the built
 * CLI: results.json has every figure in the agreed shape, and README's tables are in the
 * format the generator writes. The figures themselves are for reading, not asserting.
 */
describe('npm run bench', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'snac-bench-test-')), 'results.json');
  const run = spawnSync(process.execPath, ['dist/bench/run.js', '--sizes', '40', '--people', '200', '--people-accounts', '40', '--changes', '10', '--apply-accounts', '40', '--out', out], { encoding: 'utf8', timeout: 60_000 });
  const figures = () => JSON.parse(readFileSync(out, 'utf8')) as Figure[];

  it('writes results.json: an array of figures, each { figure, snac, lowerBound?, peer?, unit }', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(resultProblems(figures())).toEqual([]);
    const names = figures().map((f) => f.figure);
    for (const scenario of ['plan, 40 accounts', 'plan, 40 accounts + 200 people']) {
      for (const metric of ['requests', 'rows read', 'read time', 'client CPU while reading', 'emulator CPU while reading', 'planning CPU', 'peak RSS', 'heap held after planning']) {
        expect(names).toContain(`${scenario}: ${metric}`);
      }
    }
    expect(names).toEqual(expect.arrayContaining(['apply, 10 changes: time', 'apply, 10 changes: 429 answers provoked', 'apply, 10 changes, Batch API (10 per request): time']));
    const time = figures().find((f) => f.figure === 'plan, 40 accounts: read time');
    expect(time).toMatchObject({ unit: 's', lowerBound: expect.any(Number), peer: expect.any(Number) });
  });

  it('reads the same rows in the same number of requests with and without people out of scope', () => {
    const value = (name: string) => figures().find((f) => f.figure === name)?.snac;
    expect(value('plan, 40 accounts + 200 people: requests')).toBe(value('plan, 40 accounts: requests'));
    expect(value('plan, 40 accounts + 200 people: rows read')).toBe(value('plan, 40 accounts: rows read'));
  });

  it('finds no problem in good figures and names each problem in bad ones', () => {
    expect(resultProblems([{ figure: 'x: requests', snac: 3, unit: 'requests' }])).toEqual([]);
    expect(resultProblems({})).toEqual(['results.json must hold an array of figures']);
    expect(resultProblems([{ figure: 'x', snac: -1, unit: 'hours', extra: 1 }])).toEqual([
      'figure 0 has unknown fields: extra',
      'figure 0 has unit hours, not one of s, requests, rows, MB, ms',
      'figure 0: snac is not a number ≥ 0',
    ]);
  });

  it("README's performance tables are the generator's: same headers, one row per scenario of the scaling curve", () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
    expect(block.startsWith(START)).toBe(true);
    const headers = (text: string) => text.split('\n').filter((line) => line.startsWith('| service accounts') || line.startsWith('| figure') || line.startsWith('|---'));
    expect(headers(block)).toEqual(headers(renderTables(figures())));
    const planRows = block.split('\n').filter((line) => /^\| [\d,]+ \| [\d,]+ \|/.test(line));
    expect(planRows.map((line) => line.split(' | ').slice(0, 2).join(' | '))).toEqual(['| 1,000 | 0', '| 10,000 | 0', '| 50,000 | 0', '| 10,000 | 200,000']);
    for (const row of planRows) expect(row).toMatch(/^\| [\d,]+ \| [\d,]+ \| [\d,]+ \(floor [\d,]+; per-record [\d,]+\) \| [\d,]+ \| [\d.]+ s \(floor [\d.]+ s: [\d.]+x; per-record [\d.]+ (s|min)\) \| [\d,]+ ms \| [\d,]+ ms \| [\d,]+ ms \| [\d,]+ MB \| [\d,]+ MB \|$/);
  });
});
