import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../diagnostics.js';
import { DECLARATION_KINDS, DEFINITIONS_SCHEMA_FILE, isDeclarationKind, SCHEMA_FILES, type DeclarationKind } from './kinds.js';
import type { ValidDeclaration } from './build.js';
import type { ConfigDocument } from './build-config.js';
import type { DocumentByKind } from '../kinds/documents.js';
import type { YamlDocument } from './parse-yaml.js';
import type { YamlData } from './yaml-data.js';
import { schemaDiagnostics } from './schema-errors.js';
import { didYouMean } from './suggest.js';

/** schemas/ sits at the package root: two levels above src/config/ and above dist/config/. */
const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);

/** A compiled schema is a type guard for the document type its kind writes (ajv's `compile<T>`). */
interface Validators {
  readonly kinds: { readonly [K in DeclarationKind]: ValidateFunction<DocumentByKind[K]> };
  readonly config: ValidateFunction<ConfigDocument>;
}
let compiled: Validators | undefined;

function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(file, SCHEMAS_DIR), 'utf8')) as Record<string, unknown>;
}

/**
 * The schemas, compiled once per process on first use. `compile<T>` takes the schema's word that
 * it describes T: test/config/document-types.test.ts checks each kind's outline of T (which the
 * compiler checks against T) against the schema.
 */
function validators(): Validators {
  if (compiled) return compiled;
  // verbose: errors carry the failing schema, whose description explains the expected format.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, discriminator: true, allowUnionTypes: true });
  ajv.addSchema(readSchema(DEFINITIONS_SCHEMA_FILE), DEFINITIONS_SCHEMA_FILE);
  const compileKind = <K extends DeclarationKind>(kind: K) => ajv.compile<DocumentByKind[K]>(readSchema(SCHEMA_FILES[kind]));
  // Object.fromEntries cannot say that each kind gets its own kind's guard; compileKind does.
  const kinds = Object.fromEntries(DECLARATION_KINDS.map((kind) => [kind, compileKind(kind)])) as unknown as Validators['kinds'];
  compiled = { kinds, config: ajv.compile<ConfigDocument>(readSchema(SCHEMA_FILES.SnacConfig)) };
  return compiled;
}

function isMapping(data: YamlData): data is Record<string, YamlData> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

/** The top-level field an error is about, or undefined when it is about the whole document. */
function topLevelField(error: ErrorObject): string | undefined {
  const [, first] = error.instancePath.split('/');
  if (first !== undefined) return first.replaceAll('~1', '/').replaceAll('~0', '~');
  return error.keyword === 'additionalProperties' ? String((error.params as { additionalProperty: unknown }).additionalProperty) : undefined;
}

/**
 * The document without the fields that broke its schema, when what is left is valid: so the
 * rules that span files still check the rest of it (a typo in one field must not hide an
 * unknown group in another). Undefined when the document as a whole is wrong.
 */
function salvage<T>(validate: ValidateFunction<T>, document: YamlDocument<Record<string, YamlData>>, errors: readonly ErrorObject[]): YamlDocument<T> | undefined {
  const fields = errors.map(topLevelField);
  if (fields.includes(undefined)) return undefined;
  const data: Record<string, YamlData> = Object.assign(Object.create(null), document.data);
  for (const field of fields) if (field !== undefined) delete data[field];
  return validate(data) ? { ...document, data } : undefined;
}

export interface DeclarationCheck<K extends DeclarationKind = DeclarationKind> {
  /** Undefined when the document does not say which kind it is. */
  readonly kind?: K;
  readonly diagnostics: readonly Diagnostic[];
  /** The document, or what is valid of it, typed by its schema; undefined when nothing is. */
  readonly usable?: ValidDeclaration<K>;
}

/** Validates a mapping against its kind's schema; generic, so the document gets that kind's type. */
function validateAs<K extends DeclarationKind>(kind: K, document: YamlDocument<Record<string, YamlData>>): DeclarationCheck<K> {
  const validate: ValidateFunction<DocumentByKind[K]> = validators().kinds[kind];
  const data: unknown = document.data;
  if (validate(data)) return { kind, diagnostics: [], usable: { kind, document: { ...document, data } } };
  const errors = [...(validate.errors ?? [])];
  const usable = salvage(validate, document, errors);
  return { kind, diagnostics: schemaDiagnostics(errors, document.positions), ...(usable ? { usable: { kind, document: usable } } : {}) };
}

/** Finds a document's kind from its `kind:` field and validates it against that kind's schema. */
export function validateDeclaration(document: YamlDocument): DeclarationCheck {
  const { data, positions } = document;
  if (!isMapping(data)) {
    return { diagnostics: [{ severity: 'error', code: 'not-a-mapping', summary: 'a declaration must be a mapping of fields', fix: 'start the document with `kind:` and the fields of that kind', at: positions.start }] };
  }
  const kind = data['kind'];
  if (kind === undefined) {
    return {
      diagnostics: [{ severity: 'error', code: 'missing-kind', summary: 'the document has no `kind:` field', fix: `add kind: with one of ${DECLARATION_KINDS.join(', ')}`, at: positions.start }],
    };
  }
  if (!isDeclarationKind(kind)) {
    const hint = typeof kind === 'string' ? didYouMean(kind, DECLARATION_KINDS) : '';
    return {
      diagnostics: [{ severity: 'error', code: 'unknown-kind', summary: `unknown kind ${JSON.stringify(kind)}${hint}`, fix: `use one of ${DECLARATION_KINDS.join(', ')}`, at: positions.valueAt('/kind') }],
    };
  }
  return validateAs(kind, { ...document, data });
}

/** Validates snac.yaml against its schema: the document typed by it, or the problems. */
export function validateConfig(document: YamlDocument): { readonly diagnostics: Diagnostic[]; readonly valid?: YamlDocument<ConfigDocument> } {
  const validate = validators().config;
  const data: unknown = document.data;
  if (validate(data)) return { diagnostics: [], valid: { ...document, data } };
  return { diagnostics: schemaDiagnostics(validate.errors ?? [], document.positions) };
}
