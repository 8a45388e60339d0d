import type { SourceRef } from '../diagnostics.js';
import type { DesiredRecords } from '../kinds/desired.js';
import { RECORD_KIND_NAMES, type RecordKindName } from '../kinds/names.js';
import { RECORD_KINDS } from '../kinds/registry.js';
import type { DeclarationKind } from './kinds.js';
import type { YamlDocument } from './parse-yaml.js';

/** A document that passed its schema and document checks, so its data has the schema's shape. */
export interface ValidDeclaration {
  readonly kind: DeclarationKind;
  readonly document: YamlDocument;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Code-point order, not the locale's: the same on every machine. */
function byKeyThenPlace<T extends { readonly key: string; readonly at: SourceRef }>(a: T, b: T): number {
  return compareText(a.key, b.key) || compareText(a.at.file, b.at.file) || a.at.line - b.at.line || a.at.column - b.at.column;
}

/** Every validated declaration as desired state, by kind, each list sorted by natural key. */
export function buildDeclarations(declarations: readonly ValidDeclaration[]): DesiredRecords {
  const built = Object.fromEntries(RECORD_KIND_NAMES.map((name) => [name, [] as { key: string; at: SourceRef }[]])) as Record<RecordKindName, { key: string; at: SourceRef }[]>;
  for (const { kind, document } of declarations) built[kind].push(...RECORD_KINDS[kind].declaration.build(document));
  for (const name of RECORD_KIND_NAMES) built[name].sort(byKeyThenPlace);
  return built as unknown as DesiredRecords;
}
