import type { SourceRef } from '../diagnostics.js';
import type { DesiredByKind, DesiredRecords } from '../kinds/desired.js';
import type { DocumentByKind } from '../kinds/documents.js';
import { RECORD_KIND_NAMES, type RecordKindName } from '../kinds/names.js';
import { RECORD_KINDS } from '../kinds/registry.js';
import type { DeclarationKind } from './kinds.js';
import type { YamlDocument } from './parse-yaml.js';

/**
 * A document that passed its schema and document checks, typed as its kind's document: only
 * validate.ts makes one, from the kind's validator (a type guard for that type).
 */
export interface ValidDeclaration<K extends DeclarationKind = DeclarationKind> {
  readonly kind: K;
  readonly document: YamlDocument<DocumentByKind[K]>;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Code-point order, not the locale's: the same on every machine. */
function byKeyThenPlace<T extends { readonly key: string; readonly at: SourceRef }>(a: T, b: T): number {
  return compareText(a.key, b.key) || compareText(a.at.file, b.at.file) || a.at.line - b.at.line || a.at.column - b.at.column;
}

/** One document's records, by its kind's builder (generic, so the kind and its document type go together). */
function buildOne<K extends RecordKindName>({ kind, document }: ValidDeclaration<K>): readonly DesiredByKind[K][] {
  return RECORD_KINDS[kind].declaration.build(document);
}

/** Every validated declaration as desired state, by kind, each list sorted by natural key. */
export function buildDeclarations(declarations: readonly ValidDeclaration[]): DesiredRecords {
  // Object.fromEntries cannot say that each kind's list holds that kind's records; buildOne does.
  const built = Object.fromEntries(RECORD_KIND_NAMES.map((name) => [name, [] as { key: string; at: SourceRef }[]])) as Record<RecordKindName, { key: string; at: SourceRef }[]>;
  for (const declaration of declarations) built[declaration.kind].push(...buildOne(declaration));
  for (const name of RECORD_KIND_NAMES) built[name].sort(byKeyThenPlace);
  return built as unknown as DesiredRecords;
}
