import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { parseYamlFile, type YamlDocument } from './parse-yaml.js';
import { readTextFile } from './read-text.js';

export interface LoadedYaml {
  readonly documents: readonly YamlDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A file to read: where it is, and the name diagnostics give it (relative to the project root). */
export interface YamlSource {
  readonly path: string;
  readonly file: string;
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

/** Files are read this many at a time: fast on 10,000 files without exhausting file handles. */
const CONCURRENCY = 32;

async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Does the path, links resolved, lead inside the directory (itself resolved)? */
async function resolvesInside(path: string, realRoot: string): Promise<boolean> {
  try {
    const target = await realpath(path);
    return target === realRoot || target.startsWith(`${realRoot}${sep}`);
  } catch {
    return false;
  }
}

function outsideLink(file: string, root: string): Diagnostic {
  return {
    severity: 'error',
    code: 'symlink-outside',
    summary: `the file is a symbolic link that leads outside ${root}: it is not read`,
    fix: `move the declarations it points to into ${root}, or replace the link with the file`,
    at: { file, line: 1, column: 1 },
  };
}

/**
 * A file to read: a regular file, or a symbolic link to one that stays inside the declarations
 * (a link out of them, to a device or a directory, is never followed: a pull request could
 * otherwise have snac read, and echo in its errors, any file of the runner).
 */
async function yamlFileIn(entry: Dirent, path: string, realRoot: string): Promise<'read' | 'skip' | 'outside'> {
  if (!YAML_EXTENSIONS.has(extname(entry.name).toLowerCase())) return 'skip';
  if (entry.isFile()) return 'read';
  if (!entry.isSymbolicLink()) return 'skip';
  if (!(await resolvesInside(path, realRoot))) return 'outside';
  return (await isRegularFile(path)) ? 'read' : 'skip';
}

/**
 * Every *.yaml and *.yml file under `dir`, recursively, in a stable order. Hidden entries (.git)
 * are skipped, and so are symbolically linked directories, so a link loop cannot hang the walk.
 */
export async function listYamlFiles(dir: string, root: string): Promise<{ readonly sources: YamlSource[]; readonly diagnostics: Diagnostic[] }> {
  const found: YamlSource[] = [];
  const diagnostics: Diagnostic[] = [];
  const realRoot = await realpath(dir).catch(() => dir);
  const shownRoot = `${relative(root, dir) || '.'}/`;
  const pending = [dir];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(next, { withFileTypes: true });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      diagnostics.push({ severity: 'error', code: 'file-unreadable', summary: `cannot read the directory ${relative(root, next)} (${reason})`, fix: 'check its permissions' });
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(next, entry.name);
      if (entry.isDirectory()) {
        pending.push(path);
        continue;
      }
      const verdict = await yamlFileIn(entry, path, realRoot);
      if (verdict === 'read') found.push({ path, file: relative(root, path) });
      else if (verdict === 'outside') diagnostics.push(outsideLink(relative(root, path), shownRoot));
    }
  }
  return { sources: found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), diagnostics };
}

async function loadOne(source: YamlSource): Promise<LoadedYaml> {
  const read = await readTextFile(source.path, source.file);
  if ('diagnostic' in read) return { documents: [], diagnostics: [read.diagnostic] };
  return parseYamlFile(source.file, read.text);
}

/** Reads and parses the files, a bounded number at a time; results keep the files' order. */
export async function loadYamlFiles(sources: readonly YamlSource[]): Promise<LoadedYaml> {
  const results: LoadedYaml[] = new Array<LoadedYaml>(sources.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < sources.length; i = next++) results[i] = await loadOne(sources[i] as YamlSource);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, sources.length) }, worker));
  return { documents: results.flatMap((r) => r.documents), diagnostics: results.flatMap((r) => r.diagnostics) };
}

/**
 * snac.yaml: its one document, or nothing when the file does not exist (the caller then uses
 * the defaults, unless the file was named explicitly).
 */
export async function loadConfigFile(source: YamlSource): Promise<LoadedYaml & { readonly missing: boolean }> {
  try {
    await stat(source.path);
  } catch {
    return { documents: [], diagnostics: [], missing: true };
  }
  const home = dirname(source.path);
  if (!(await resolvesInside(source.path, await realpath(home).catch(() => home)))) {
    return { documents: [], diagnostics: [outsideLink(source.file, `${dirname(source.file)}/`)], missing: false };
  }
  const loaded = await loadOne(source);
  const [, extra] = loaded.documents;
  if (extra === undefined) return { ...loaded, missing: false };
  const diagnostic: Diagnostic = {
    severity: 'error',
    code: 'config-documents',
    summary: 'snac.yaml holds more than one YAML document',
    fix: 'keep a single document (remove the `---` separators)',
    at: extra.positions.start,
  };
  return { documents: [], diagnostics: [...loaded.diagnostics, diagnostic], missing: false };
}
