import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resultProblems, type Figure } from './results.js';

/**
 * README's performance tables, rendered from bench/results.json: `npm run bench:readme`
 * rewrites what lies between the two markers and nothing else.
 */
export const START = '<!-- bench:start (generated from bench/results.json by npm run bench:readme) -->';
export const END = '<!-- bench:end -->';

const count = (n: number) => n.toLocaleString('en-US');
const s = (n: number) => (n >= 120 ? `${Math.round(n / 60)} min` : `${n.toFixed(2)} s`);

function byScenario(figures: readonly Figure[]): Map<string, Map<string, Figure>> {
  const scenarios = new Map<string, Map<string, Figure>>();
  for (const figure of figures) {
    const colon = figure.figure.lastIndexOf(': ');
    const scenario = figure.figure.slice(0, colon);
    const metrics = scenarios.get(scenario) ?? new Map<string, Figure>();
    metrics.set(figure.figure.slice(colon + 2), figure);
    scenarios.set(scenario, metrics);
  }
  return scenarios;
}

function planRow(scenario: string, metrics: Map<string, Figure>): string {
  const [, accounts = '', people] = /^plan, ([\d,]+) accounts(?: \+ ([\d,]+) people)?$/.exec(scenario) ?? [];
  const get = (metric: string) => metrics.get(metric);
  const requests = get('requests');
  const time = get('read time');
  const cells = [
    accounts,
    people ?? '0',
    requests ? `${count(requests.snac)} (floor ${count(requests.lowerBound ?? 0)}; per-record ${count(requests.peer ?? 0)})` : '',
    count(get('rows read')?.snac ?? 0),
    time ? `${s(time.snac)} (floor ${s(time.lowerBound ?? 0)}: ${(time.snac / (time.lowerBound || 1)).toFixed(2)}x; per-record ${s(time.peer ?? 0)})` : '',
    `${count(get('client CPU while reading')?.snac ?? 0)} ms`,
    `${count(get('emulator CPU while reading')?.snac ?? 0)} ms`,
    `${count(get('planning CPU')?.snac ?? 0)} ms`,
    `${count(get('peak RSS')?.snac ?? 0)} MB`,
    `${count(get('heap held after planning')?.snac ?? 0)} MB`,
  ];
  return `| ${cells.join(' | ')} |`;
}

function otherRow(figure: Figure): string {
  const value = (n: number | undefined) => (n === undefined ? '' : figure.unit === 's' ? s(n) : `${count(n)} ${figure.unit}`);
  const ratio = figure.lowerBound ? ` (${(figure.snac / figure.lowerBound).toFixed(2)}x)` : '';
  return `| ${figure.figure} | ${value(figure.snac)}${ratio} | ${value(figure.lowerBound)} | ${value(figure.peer)} |`;
}

/** The generated block, markers included. */
export function renderTables(figures: readonly Figure[]): string {
  const scenarios = byScenario(figures);
  const plans = [...scenarios].filter(([name]) => name.startsWith('plan, '));
  const others = figures.filter((f) => !f.figure.startsWith('plan, '));
  return [
    START,
    '| service accounts | people | requests | rows read | read time | client CPU reading | emulator CPU reading | planning CPU | peak RSS | heap held |',
    '|---:|---:|---|---:|---|---:|---:|---:|---:|---:|',
    ...plans.map(([name, metrics]) => planRow(name, metrics)),
    '',
    '| figure | snac | floor | per-record pattern |',
    '|---|---|---|---|',
    ...others.map(otherRow),
    END,
  ].join('\n');
}

/** README text with its generated block replaced; throws when the markers are missing. */
export function withTables(readme: string, figures: readonly Figure[]): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no "${START}" … "${END}" block to regenerate`);
  return `${readme.slice(0, start)}${renderTables(figures)}${readme.slice(end + END.length)}`;
}

function main(): void {
  const [resultsPath = 'bench/results.json', readmePath = 'README.md'] = process.argv.slice(2);
  const figures: unknown = JSON.parse(readFileSync(resultsPath, 'utf8'));
  const problems = resultProblems(figures);
  if (problems.length > 0) throw new Error(`${resultsPath}: ${problems.join('; ')}`);
  writeFileSync(readmePath, withTables(readFileSync(readmePath, 'utf8'), figures as Figure[]));
  process.stdout.write(`${readmePath}: performance tables regenerated from ${resultsPath}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`bench:readme failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
