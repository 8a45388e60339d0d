import { isAlias, isMap, isScalar, isSeq, type LineCounter } from 'yaml';
import type { Diagnostic, SourceRef } from '../diagnostics.js';
import { childPointer, Positions, type Pointer } from './positions.js';

/** Declarations are shallow and small; anything beyond these limits is a mistake or an attack. */
export const YAML_LIMITS = { maxDepth: 32, maxAliases: 100, maxNodes: 50_000 } as const;

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** Keys that would reach Object.prototype if the data were ever merged into a plain object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Plain data from YAML: mappings are null-prototype objects, so no key can reach a prototype. */
export type YamlData = string | number | boolean | null | YamlData[] | { [key: string]: YamlData };

class Refusal extends Error {
  constructor(
    readonly code: string,
    readonly summary: string,
    readonly fix: string,
    readonly at: SourceRef,
  ) {
    super(summary);
  }
}

interface Walk {
  readonly lineCounter: LineCounter;
  readonly positions: Positions;
  readonly anchors: Map<string, unknown>;
  aliases: number;
  nodes: number;
  /** The outermost alias being expanded: where a runaway expansion is reported. */
  expandingFrom: SourceRef | undefined;
}

/**
 * Converts a parsed YAML node to plain data, recording where every value and key starts. Only
 * what declarations need is accepted: core-schema scalars, mappings with scalar keys, lists.
 * Custom tags, complex keys, prototype keys, runaway aliases and deep nesting are refused with a
 * diagnostic at the offending node instead of being half-interpreted.
 */
export function toYamlData(
  contents: unknown,
  file: string,
  lineCounter: LineCounter,
): { readonly data: YamlData; readonly positions: Positions } | { readonly diagnostic: Diagnostic } {
  const start = placeOf(contents, file, lineCounter) ?? { file, line: 1, column: 1 };
  const walk: Walk = { lineCounter, positions: new Positions(file, start), anchors: new Map(), aliases: 0, nodes: 0, expandingFrom: undefined };
  try {
    return { data: convert(walk, contents, '', 0, start), positions: walk.positions };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return { diagnostic: { severity: 'error', code: error.code, summary: error.summary, fix: error.fix, at: error.at } };
  }
}

function placeOf(node: unknown, file: string, lineCounter: LineCounter): SourceRef | undefined {
  const range = (node as { range?: readonly number[] | null } | null)?.range;
  if (!range || range[0] === undefined) return undefined;
  const { line, col } = lineCounter.linePos(range[0]);
  return { file, line, column: col };
}

function convert(walk: Walk, node: unknown, pointer: Pointer, depth: number, fallback: SourceRef, key?: SourceRef): YamlData {
  const at = placeOf(node, walk.positions.file, walk.lineCounter) ?? fallback;
  if (depth > YAML_LIMITS.maxDepth) {
    throw new Refusal('yaml-too-deep', `nesting deeper than ${YAML_LIMITS.maxDepth} levels`, 'declarations are at most a few levels deep: flatten this value', at);
  }
  if (++walk.nodes > YAML_LIMITS.maxNodes) {
    throw new Refusal('yaml-too-large', `more than ${YAML_LIMITS.maxNodes} values in one document`, 'split the declarations into several documents or files', at);
  }
  walk.positions.record(pointer, at, key);
  if (isAlias(node)) return convertAlias(walk, node.source, pointer, depth, at, key);

  const anchor = (node as { anchor?: string }).anchor;
  // Anchors met again while expanding an alias are not new definitions.
  if (anchor !== undefined && walk.expandingFrom === undefined) walk.anchors.set(anchor, node);
  const tag = (node as { tag?: string }).tag;
  if (tag !== undefined && !CORE_TAGS.has(tag)) {
    throw new Refusal('yaml-tag', `unsupported YAML tag ${tag}`, 'remove the tag: declarations use plain strings, numbers, true/false, lists and mappings', at);
  }
  if (isMap(node)) return convertMap(walk, node.items, pointer, depth, at);
  if (isSeq(node)) return node.items.map((item, i) => convert(walk, item, childPointer(pointer, i), depth + 1, at));
  if (isScalar(node) || node === null || node === undefined) return scalarValue(isScalar(node) ? node.value : null, at);
  throw new Refusal('yaml-value', 'unsupported YAML node', 'write a plain value, list or mapping', at);
}

function convertAlias(walk: Walk, source: string, pointer: Pointer, depth: number, at: SourceRef, key?: SourceRef): YamlData {
  if (++walk.aliases > YAML_LIMITS.maxAliases) {
    const use = walk.expandingFrom ?? at;
    throw new Refusal('yaml-alias-limit', `more than ${YAML_LIMITS.maxAliases} aliases expanded in one document`, 'write the values out instead of nesting aliases', use);
  }
  const target = walk.anchors.get(source);
  if (target === undefined) throw new Refusal('yaml-syntax', `alias *${source} refers to no anchor before it`, `define &${source} before using it`, at);
  const outer = walk.expandingFrom;
  walk.expandingFrom = outer ?? at;
  try {
    const data = convert(walk, target, pointer, depth + 1, at, key);
    walk.positions.record(pointer, at, key);
    return data;
  } finally {
    walk.expandingFrom = outer;
  }
}

function convertMap(walk: Walk, pairs: readonly { key: unknown; value: unknown }[], pointer: Pointer, depth: number, at: SourceRef): YamlData {
  const result: { [key: string]: YamlData } = Object.create(null) as { [key: string]: YamlData };
  // Where each key was first written: a duplicate is found in constant time and reported with both places.
  const seen = new Map<string, SourceRef>();
  for (const pair of pairs) {
    const keyAt = placeOf(pair.key, walk.positions.file, walk.lineCounter) ?? at;
    const name = keyName(pair.key, keyAt);
    if (FORBIDDEN_KEYS.has(name)) {
      throw new Refusal('yaml-forbidden-key', `the key "${name}" is not allowed`, 'remove it: no declaration field has this name', keyAt);
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new Refusal('yaml-duplicate-key', `the key "${name}" appears twice in this mapping: here and at line ${first.line}, column ${first.column}`, 'keep one of them', keyAt);
    }
    seen.set(name, keyAt);
    result[name] = convert(walk, pair.value, childPointer(pointer, name), depth + 1, keyAt, keyAt);
  }
  return result;
}

function keyName(key: unknown, at: SourceRef): string {
  if (isScalar(key) && (key.tag === undefined || CORE_TAGS.has(key.tag))) {
    const { value } = key;
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  }
  throw new Refusal('yaml-key', 'mapping keys must be plain names', 'write the key as a plain word, such as user_name', at);
}

function scalarValue(value: unknown, at: SourceRef): YamlData {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const what = typeof value === 'number' ? String(value) : 'this value';
  throw new Refusal('yaml-value', `${what} is not supported in declarations`, 'write a finite number, true/false, or a quoted string', at);
}
