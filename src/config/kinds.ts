import { RECORD_KIND_NAMES, type RecordKindName } from '../kinds/names.js';
import { RECORD_KINDS } from '../kinds/registry.js';

/** The kinds a document under accounts/ can declare, by the value of its `kind:` field: every record kind. */
export const DECLARATION_KINDS: readonly RecordKindName[] = RECORD_KIND_NAMES;
export type DeclarationKind = RecordKindName;

/** The schema file (under schemas/) of each kind, as the kind declares it, and of snac.yaml. */
export const SCHEMA_FILES: Readonly<Record<DeclarationKind | 'SnacConfig', string>> = {
  // Object.fromEntries cannot say that every kind is there; RECORD_KIND_NAMES lists every kind.
  ...(Object.fromEntries(RECORD_KIND_NAMES.map((name) => [name, RECORD_KINDS[name].declaration.schema])) as Record<DeclarationKind, string>),
  SnacConfig: 'snac-config.schema.json',
};

/** Value formats the other schemas refer to. */
export const DEFINITIONS_SCHEMA_FILE = 'definitions.schema.json';

export function isDeclarationKind(value: unknown): value is DeclarationKind {
  return (DECLARATION_KINDS as readonly unknown[]).includes(value);
}
