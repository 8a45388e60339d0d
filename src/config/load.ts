import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { parseYamlFile, type YamlDocument } from './parse-yaml.js';
import { readTextFile, unreadableFile } from './read-text.js';

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

function outsideLink(file: string, root: string, fix = `move the declarations it points to into ${root}, or replace the link with the file`): Diagnostic {
  return {
    severity: 'error',
    code: 'symlink-outside',
    summary: `the file is a symbolic link that leads outside ${root}: it is not read`,
    fix,
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

/** snac.yaml exists but is no file snac can read: an error, never a quiet return to the defaults. */
function notAFile(file: string, summary: string, fix: string): Diagnostic {
  return { severity: 'error', code: 'file-unreadable', summary, fix, at: { file, line: 1, column: 1 } };
}

/**
 * Why snac.yaml cannot be read, 'missing' when there is nothing at its path (the one case that
 * means "use the defaults"), or undefined when it is a regular file, or a link to one inside its
 * directory. Anything else at the path is an error: a file that is there but cannot be read
 * must not silently turn into the defaults (other scope, other safety limits, no instances).
 */
async function configFileProblem(source: YamlSource): Promise<Diagnostic | 'missing' | undefined> {
  let entry: Stats;
  try {
    entry = await lstat(source.path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : unreadableFile(source.file, error);
  }
  if (entry.isSymbolicLink()) {
    try {
      entry = await stat(source.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return unreadableFile(source.file, error);
      return notAFile(source.file, 'the file is a symbolic link to a file that does not exist', 'point the link at the configuration, replace it with the file, or delete it to use the defaults');
    }
    const home = dirname(source.path);
    if (!(await resolvesInside(source.path, await realpath(home).catch(() => home)))) return outsideLink(source.file, `${dirname(source.file)}/`, 'replace the link with the file itself');
  }
  if (entry.isDirectory()) return notAFile(source.file, 'the path is a directory, not a file', 'put the configuration in a file at this path, or move the directory away to use the defaults');
  if (!entry.isFile()) return notAFile(source.file, 'the path is not a regular file (a device, a pipe or a socket)', 'put the configuration in a regular file at this path');
  return undefined;
}

/**
 * snac.yaml: its one document, or nothing when there is nothing at its path (the caller then
 * uses the defaults, unless the file was named explicitly).
 */
export async function loadConfigFile(source: YamlSource): Promise<LoadedYaml & { readonly missing: boolean }> {
  const problem = await configFileProblem(source);
  if (problem === 'missing') return { documents: [], diagnostics: [], missing: true };
  if (problem !== undefined) return { documents: [], diagnostics: [problem], missing: false };
  const loaded = await loadOne(source);
  const [, extra] = loaded.documents;
  if (extra === undefined) return { ...loaded, diagnostics: loaded.diagnostics.map(forConfig), missing: false };
  const diagnostic: Diagnostic = {
    severity: 'error',
    code: 'config-documents',
    summary: 'snac.yaml holds more than one YAML document',
    fix: 'keep a single document (remove the `---` separators)',
    at: extra.positions.start,
  };
  return { documents: [], diagnostics: [...loaded.diagnostics.map(forConfig), diagnostic], missing: false };
}

/**
 * The advice the reader gives for declaration files, as it applies to snac.yaml: an empty one
 * means the defaults and has no `kind:` to add; a huge one is not split into declarations.
 */
function forConfig(diagnostic: Diagnostic): Diagnostic {
  if (diagnostic.code === 'empty-file') {
    return { ...diagnostic, summary: 'the file sets nothing: snac uses the defaults', fix: 'add the settings to change (schemas/snac-config.schema.json lists them) or delete the file' };
  }
  if (diagnostic.code === 'file-too-large') return { ...diagnostic, fix: 'keep only the settings in snac.yaml (its instances, scope, safety and policy); declarations go under accounts/' };
  return diagnostic;
}
