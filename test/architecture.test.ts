import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_TABLES } from '../src/kinds/reference-tables.js';
import { ALL_LINK_KINDS, ALL_RECORD_KINDS } from '../src/kinds/registry.js';

/**
 * The shape the code keeps: what a kind is lives in src/kinds/ (so a new kind is one module),
 * folders do not import each other in circles, and the emulator shares no code with what it
 * stands in for (a wrong platform fact in snac must not be confirmed by it).
 */
const SRC = resolve(new URL('../src', import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({ path, rel: relative(SRC, path), text: readFileSync(path, 'utf8') }));
/** A file's top folder under src/, or the file itself for files at the top. */
const folderOf = (rel: string) => rel.split('/')[0] ?? rel;
const outside = (...folders: string[]) => files.filter((f) => !folders.includes(folderOf(f.rel)));
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const importsOf = (f: { path: string; text: string }) =>
  [...f.text.matchAll(/from '(\.[^']+)'/g)].map((m) => relative(SRC, resolve(dirname(f.path), m[1] ?? '')));

describe('architecture', () => {
  it('names tables in code only under src/kinds/ and the emulator', () => {
    const tables = new Set([...ALL_RECORD_KINDS, ...ALL_LINK_KINDS, ...REFERENCE_TABLES].map((k) => k.table));
    expect(tables.size).toBeGreaterThanOrEqual(10);
    const pattern = new RegExp(`(['"\`])(${[...tables].join('|')})\\1|^\\s*(${[...tables].join('|')}):`, 'm');
    const offenders = outside('kinds', 'emulator').filter((f) => pattern.test(code(f.text))).map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it('names link kinds in at most two files outside src/kinds/ and the emulator', () => {
    const names = ALL_LINK_KINDS.map((k) => k.name);
    const pattern = new RegExp(`'(${names.join('|')})'|\\.(${names.join('|')})\\b`);
    const users = outside('kinds', 'emulator').filter((f) => pattern.test(code(f.text))).map((f) => f.rel);
    expect(users.length, users.join(', ')).toBeLessThanOrEqual(2);
  });

  it('has no import cycle among the folders of src/ (the emulator apart)', () => {
    const edges = new Map<string, Set<string>>();
    for (const f of outside('emulator')) {
      const from = folderOf(f.rel);
      for (const target of importsOf(f).map(folderOf)) {
        if (target === from || target === 'emulator') continue;
        edges.set(from, (edges.get(from) ?? new Set()).add(target));
      }
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      for (const next of edges.get(node) ?? []) {
        if (path.includes(next)) cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else visit(next, [...path, next]);
      }
    };
    for (const node of edges.keys()) visit(node, [node]);
    expect(cycles).toEqual([]);
  });

  it('keeps the emulator free of imports from the rest of src/', () => {
    const leaks = files.filter((f) => folderOf(f.rel) === 'emulator').flatMap((f) => importsOf(f).filter((target) => folderOf(target) !== 'emulator').map((target) => `${f.rel} → ${target}`));
    expect(leaks).toEqual([]);
  });

  it('normalises natural keys in one function, and brands them only there', () => {
    const normalisers = outside('emulator').filter((f) => f.rel !== 'model/keys.ts' && /\.trim\(\)\.toLowerCase\(\)|\.toLowerCase\(\)\.trim\(\)/.test(code(f.text))).map((f) => f.rel);
    const brands = outside('emulator').filter((f) => f.rel !== 'model/keys.ts' && /as NaturalKey\b/.test(code(f.text))).map((f) => f.rel);
    expect({ normalisers, brands }).toEqual({ normalisers: [], brands: [] });
  });

  it('walks through adding a kind with file names that exist', () => {
    const root = resolve(SRC, '..');
    const guide = readFileSync(join(root, 'docs/adding-a-kind.md'), 'utf8');
    const named = [...new Set([...guide.matchAll(/`((?:src|schemas|test|docs)\/[\w./-]+)`/g)].map((m) => m[1] ?? ''))].filter((path) => !path.includes('<'));
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });
});
