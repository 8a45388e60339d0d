import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { DEFAULT_CONFIG, type SnacConfig } from '../model/config.js';
import type { DesiredState } from '../kinds/desired.js';
import { naturalKey } from '../model/keys.js';
import { buildConfig } from './build-config.js';
import { buildDeclarations, type ValidDeclaration } from './build.js';
import { crossCheck, type KnownNames } from './cross-checks.js';
import { checkConfigDocument, checkDocument } from './document-checks.js';
import type { DeclarationKind } from './kinds.js';
import { listYamlFiles, loadConfigFile, loadYamlFiles } from './load.js';
import type { YamlDocument } from './parse-yaml.js';
import { validateConfig, validateDeclaration } from './validate.js';
import { RECORD_KINDS } from '../kinds/registry.js';

export interface LoadProjectOptions {
  /** The declarations directory (accounts/). */
  readonly dir: string;
  /** snac.yaml; default: snac.yaml next to `dir`. When named explicitly it must exist. */
  readonly configFile?: string;
}

export interface LoadedProject {
  /** Absent when any diagnostic is an error: nothing may be planned from broken declarations. */
  readonly desired?: DesiredState;
  /** Every problem found (errors and warnings), in file order. */
  readonly diagnostics: Diagnostic[];
}

/**
 * The directory every SourceRef.file is relative to: the parent of the declarations directory,
 * where snac.yaml lives by default (the repository root in the usual layout). Paths stay the
 * same whatever the working directory, and GitHub annotations can use them as they are.
 */
export function projectRoot(dir: string): string {
  return dirname(resolve(dir));
}

const KEY_FIELDS: Readonly<Partial<Record<DeclarationKind, keyof KnownNames>>> = { ServiceAccount: 'accounts', Group: 'groups', Role: 'roles' };

/** The key a document that failed validation declares, if it has one: known, so not "unknown". */
function rememberName(known: Record<keyof KnownNames, Set<string>>, kind: DeclarationKind, document: YamlDocument): void {
  const set = KEY_FIELDS[kind];
  const field = RECORD_KINDS[kind].declaration.keyField;
  const { data } = document;
  const name = field === undefined || typeof data !== 'object' || data === null || Array.isArray(data) ? undefined : data[field];
  if (set !== undefined && typeof name === 'string') known[set].add(naturalKey(name));
}

/** snac.yaml with defaults applied; undefined when it is broken (its diagnostics say why). */
async function loadConfig(root: string, options: LoadProjectOptions, diagnostics: Diagnostic[]): Promise<SnacConfig | undefined> {
  const path = resolve(options.configFile ?? join(options.dir, '..', 'snac.yaml'));
  const loaded = await loadConfigFile({ path, file: relative(root, path) });
  diagnostics.push(...loaded.diagnostics);
  if (loaded.missing && options.configFile !== undefined) {
    diagnostics.push({ severity: 'error', code: 'config-not-found', summary: `${options.configFile} does not exist`, fix: 'create it or leave out the option to use the defaults' });
    return undefined;
  }
  if (loaded.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const [document] = loaded.documents;
  if (document === undefined) return DEFAULT_CONFIG;
  const { diagnostics: problems, valid } = validateConfig(document);
  if (valid) problems.push(...checkConfigDocument(valid));
  diagnostics.push(...problems);
  return valid && problems.length === 0 ? buildConfig(valid.data, valid.positions.start) : undefined;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Problems without a place first, then by file, line and column: the order people read files in. */
function byPlace(a: Diagnostic, b: Diagnostic): number {
  if (!a.at || !b.at) return (a.at ? 1 : 0) - (b.at ? 1 : 0);
  return compareText(a.at.file, b.at.file) || a.at.line - b.at.line || a.at.column - b.at.column;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Loads and validates a project: snac.yaml and every YAML file under `dir`, with positions;
 * each document against its kind's schema, then the rules that span files. Every problem is
 * collected before anything is decided, so one run reports them all; `desired` is returned
 * only when there is no error. Reads files and writes nothing.
 */
export async function loadProject(options: LoadProjectOptions): Promise<LoadedProject> {
  const root = projectRoot(options.dir);
  const diagnostics: Diagnostic[] = [];
  const config = await loadConfig(root, options, diagnostics);
  const dir = resolve(options.dir);
  if (!(await isDirectory(dir))) {
    diagnostics.push({ severity: 'error', code: 'dir-not-found', summary: `the declarations directory ${options.dir} does not exist or is not a directory`, fix: 'create it or pass --dir' });
    return { diagnostics: diagnostics.sort(byPlace) };
  }

  const listed = await listYamlFiles(dir, root);
  const loaded = await loadYamlFiles(listed.sources);
  diagnostics.push(...listed.diagnostics, ...loaded.diagnostics);
  const valid: ValidDeclaration[] = [];
  const alsoDeclared = { accounts: new Set<string>(), groups: new Set<string>(), roles: new Set<string>() };
  for (const document of loaded.documents) {
    const { kind, diagnostics: schemaProblems, usable } = validateDeclaration(document);
    diagnostics.push(...schemaProblems);
    if (kind === undefined) continue;
    const problems = usable ? checkDocument(usable) : [];
    diagnostics.push(...problems);
    // What is valid of a document still takes part in the rules that span files.
    if (usable && !problems.some((d) => d.severity === 'error')) valid.push(usable);
    else rememberName(alsoDeclared, kind, document);
  }

  const declarations = buildDeclarations(valid);
  diagnostics.push(...crossCheck({ declarations, config, alsoDeclared }));
  diagnostics.sort(byPlace);
  if (config === undefined || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { desired: { config, records: declarations }, diagnostics };
}
