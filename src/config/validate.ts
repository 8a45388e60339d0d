import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../diagnostics.js';
import { DECLARATION_KINDS, DEFINITIONS_SCHEMA_FILE, isDeclarationKind, SCHEMA_FILES, type DeclarationKind } from './kinds.js';
import type { YamlDocument } from './parse-yaml.js';
import { schemaDiagnostics } from './schema-errors.js';
import { didYouMean } from './suggest.js';

/** schemas/ sits at the package root: two levels above src/config/ and above dist/config/. */
const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);

type Validators = Readonly<Record<DeclarationKind | 'SnacConfig', ValidateFunction>>;
let compiled: Validators | undefined;

function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(file, SCHEMAS_DIR), 'utf8')) as Record<string, unknown>;
}

/** The schemas, compiled once per process on first use. */
function validators(): Validators {
  if (compiled) return compiled;
  // verbose: errors carry the failing schema, whose description explains the expected format.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, discriminator: true, allowUnionTypes: true });
  ajv.addSchema(readSchema(DEFINITIONS_SCHEMA_FILE), DEFINITIONS_SCHEMA_FILE);
  const compile = (name: keyof typeof SCHEMA_FILES) => ajv.compile(readSchema(SCHEMA_FILES[name]));
  compiled = Object.fromEntries((Object.keys(SCHEMA_FILES) as (keyof typeof SCHEMA_FILES)[]).map((name) => [name, compile(name)])) as Validators;
  return compiled;
}

function isMapping(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

function run(validate: ValidateFunction, document: YamlDocument): Diagnostic[] {
  return validate(document.data) ? [] : schemaDiagnostics(validate.errors ?? [], document.positions);
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
function salvage(validate: ValidateFunction, document: YamlDocument, errors: readonly ErrorObject[]): YamlDocument | undefined {
  const fields = errors.map(topLevelField);
  if (fields.includes(undefined)) return undefined;
  const data = Object.assign(Object.create(null) as Record<string, unknown>, document.data);
  for (const field of fields) delete data[field as string];
  return validate(data) ? { ...document, data: data as YamlDocument['data'] } : undefined;
}

export interface DeclarationCheck {
  /** Undefined when the document does not say which kind it is. */
  readonly kind?: DeclarationKind;
  readonly diagnostics: readonly Diagnostic[];
  /** The document, or what is valid of it; undefined when nothing is. */
  readonly usable?: YamlDocument;
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
  const validate = validators()[kind];
  if (validate(data)) return { kind, diagnostics: [], usable: document };
  const errors = [...(validate.errors ?? [])];
  const usable = salvage(validate, document, errors);
  return { kind, diagnostics: schemaDiagnostics(errors, positions), ...(usable ? { usable } : {}) };
}

/** Validates snac.yaml against its schema. */
export function validateConfig(document: YamlDocument): Diagnostic[] {
  return run(validators().SnacConfig, document);
}
