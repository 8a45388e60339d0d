import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostics.js';
import { childPointer, type Positions } from './positions.js';
import { didYouMean } from './suggest.js';

interface SchemaNode {
  readonly description?: string;
  readonly properties?: Record<string, unknown>;
}

type Described = Pick<Diagnostic, 'code' | 'summary'> & { readonly fix?: string; readonly onKey?: boolean; readonly pointer?: string };

/** The field a pointer ends at, as the user wrote it: `groups[2]`, `auth.type`, `(document)`. */
function fieldName(pointer: string): string {
  if (pointer === '') return 'the document';
  const parts = pointer.slice(1).split('/').map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  return parts.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name === '' ? part : `${name}.${part}`), '');
}

function yamlType(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'number') return `the number ${value}`;
  return `the text "${String(value)}"`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
  null: 'nothing',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function quoted(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

/** What one ajv error means for the person editing the YAML, and where it points. */
function describe(error: ErrorObject): Described | undefined {
  const field = fieldName(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params['missingProperty']);
      return { code: 'missing-field', summary: `${field === 'the document' ? 'the document' : `"${field}"`} lacks the required field "${missing}"`, fix: `add ${missing}:` };
    }
    case 'additionalProperties': {
      const extra = String(params['additionalProperty']);
      const known = Object.keys(parent.properties ?? {});
      return {
        code: 'unknown-field',
        summary: `unknown field "${extra}"${didYouMean(extra, known)}`,
        fix: `remove it or use one of: ${known.join(', ')}`,
        onKey: true,
        pointer: childPointer(error.instancePath, extra),
      };
    }
    case 'type':
      return { code: 'wrong-type', summary: `"${field}" must be ${typeWords(params['type'])}, not ${yamlType(error.data)}`, fix: 'see docs/declarations.md for the field' };
    case 'enum':
      return { code: 'invalid-value', summary: `"${field}" must be one of: ${quoted(params['allowedValues'] as unknown[])}; got ${yamlType(error.data)}`, fix: 'use one of the listed values' };
    case 'const':
      return { code: 'invalid-value', summary: `"${field}" must be ${quoted([params['allowedValue']])}; got ${yamlType(error.data)}` };
    case 'pattern':
      return { code: 'invalid-value', summary: `${yamlType(error.data)} is not valid for "${field}": expected ${parent.description ?? `a match for ${String(params['pattern'])}`}` };
    case 'minLength':
      return { code: 'invalid-value', summary: params['limit'] === 1 ? `"${field}" must not be empty` : `"${field}" must be at least ${String(params['limit'])} characters long` };
    case 'maxLength':
      return { code: 'invalid-value', summary: `"${field}" must be at most ${String(params['limit'])} characters long` };
    case 'minItems':
      return { code: 'invalid-value', summary: `"${field}" must list at least ${String(params['limit'])} item(s)`, fix: 'add an item or remove the field' };
    case 'uniqueItems':
      return {
        code: 'duplicate-item',
        summary: `"${field}" lists the same value twice (items ${String(params['j'])} and ${String(params['i'])})`,
        fix: 'remove the repeated item',
        pointer: childPointer(error.instancePath, Number(params['i'])),
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { code: 'invalid-value', summary: `"${field}" must be ${String(params['comparison'])} ${String(params['limit'])}; got ${yamlType(error.data)}` };
    case 'propertyNames':
      return undefined; // the nested error on the name itself says what is wrong with it
    case 'discriminator': // the tag's own `enum` says what is wrong with it
    case 'if': // the `then` branch's own errors say what is missing
      return undefined;
    default:
      return { code: 'schema', summary: `"${field}" ${error.message ?? 'is not valid'}` };
  }
}

/** A property name that failed `propertyNames` is reported at the key, naming the key. */
function propertyName(error: ErrorObject, positions: Positions): Diagnostic | undefined {
  const name = error.propertyName;
  if (name === undefined) return undefined;
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  return {
    severity: 'error',
    code: 'invalid-value',
    summary: `"${name}" is not a valid name here: expected ${parent.description ?? 'a different name'}`,
    at: positions.keyAt(childPointer(error.instancePath, name)),
  };
}

/** ajv's errors for one document as Diagnostics pointing at the exact line and column. */
export function schemaDiagnostics(errors: readonly ErrorObject[], positions: Positions): Diagnostic[] {
  const result: Diagnostic[] = [];
  for (const error of errors) {
    const named = propertyName(error, positions);
    if (named) {
      result.push(named);
      continue;
    }
    const described = describe(error);
    if (!described) continue;
    const pointer = described.pointer ?? error.instancePath;
    const at = described.onKey ? positions.keyAt(pointer) : positions.valueAt(pointer);
    result.push({ severity: 'error', code: described.code, summary: described.summary, ...(described.fix ? { fix: described.fix } : {}), at });
  }
  return result;
}
