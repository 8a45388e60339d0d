import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_OUTLINE } from '../../src/config/build-config.js';
import { SCHEMA_FILES } from '../../src/config/kinds.js';
import { RECORD_KIND_NAMES } from '../../src/kinds/names.js';
import { RECORD_KINDS } from '../../src/kinds/registry.js';
import { HIGH_SECURITY_BY_FRIENDLY_NAME } from '../../src/model/high-security-settings.js';
import { REPO_ROOT } from './project.js';

// The validated documents are typed by interfaces written next to their builders; each comes
// with an outline the compiler checks against the interface (src/kinds/outline.ts). Here each
// outline is compared with what its schema says, so a field added, dropped, made optional or
// retyped in one and not the other fails.

type Schema = { readonly [key: string]: unknown };

function readSchema(file: string): Schema {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', file), 'utf8')) as Schema;
}

/** Follows `$ref` (to this file's $defs or to definitions.schema.json's); returns the schema and the file it is in. */
function resolve(schema: Schema, file: string): { schema: Schema; file: string } {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return { schema, file };
  const [target = '', pointer = ''] = ref.split('#');
  const inFile = target === '' ? file : target;
  const found = pointer.split('/').filter(Boolean).reduce<Schema>((node, part) => node[part] as Schema, readSchema(inFile));
  return resolve(found, inFile);
}

/**
 * The outline a schema describes, in the words of src/kinds/outline.ts. Keywords that refine a
 * value without changing its type (pattern, minimum, uniqueItems, if/then) have no part in it;
 * an object with `oneOf` is the union of its branches (its own `properties` only help the
 * discriminator pick one).
 */
function outlineOf(node: Schema, from: string): unknown {
  const { schema, file } = resolve(node, from);
  if ('const' in schema) return { enum: [schema['const']] };
  if (Array.isArray(schema['enum'])) return { enum: schema['enum'] };
  if (Array.isArray(schema['oneOf'])) return { oneOf: (schema['oneOf'] as Schema[]).map((branch) => outlineOf(branch, file)) };
  const type = schema['type'];
  if (Array.isArray(type)) return { type };
  if (type === 'string' || type === 'boolean') return type;
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'array') return { items: outlineOf(schema['items'] as Schema, file) };
  if (type === 'object' && schema['properties'] === undefined) return { additionalProperties: outlineOf(schema['additionalProperties'] as Schema, file) };
  if (type === 'object') {
    expect(schema['additionalProperties'], `an object with properties in ${file} allows no others`).toBe(false);
    const required = (schema['required'] ?? []) as string[];
    const properties = Object.entries(schema['properties'] as Record<string, Schema>).map(([name, property]) => {
      const value = outlineOf(property, file);
      return [name, required.includes(name) ? value : { optional: value }];
    });
    return { properties: Object.fromEntries(properties) };
  }
  throw new Error(`no outline for ${JSON.stringify(schema)} in ${file}`);
}

describe('the types of validated documents follow their schemas', () => {
  for (const kind of RECORD_KIND_NAMES) {
    it(`${kind}: the outline of its document type is its schema's`, () => {
      const { schema, outline } = RECORD_KINDS[kind].declaration;
      const fromSchema = outlineOf(readSchema(schema), schema) as { properties: Record<string, unknown> };
      if (!('others' in outline)) {
        expect(outline).toEqual(fromSchema);
        return;
      }
      // The High Security Settings by friendly name: the type's index signature. schemas.test.ts
      // checks the schema lists exactly the catalogue's, with their types.
      const others = Object.keys(fromSchema.properties).filter((name) => !(name in outline.properties));
      expect(others.length).toBeGreaterThan(0);
      expect(others.filter((name) => !HIGH_SECURITY_BY_FRIENDLY_NAME.has(name))).toEqual([]);
      const listed = Object.fromEntries(Object.entries(fromSchema.properties).filter(([name]) => name in outline.properties));
      expect({ properties: outline.properties }).toEqual({ properties: listed });
    });
  }

  it('snac.yaml: the outline of its document type is its schema’s', () => {
    expect(CONFIG_OUTLINE).toEqual(outlineOf(readSchema(SCHEMA_FILES.SnacConfig), SCHEMA_FILES.SnacConfig));
  });

  it('the comparison notices a field the type lacks, an optional one it requires, and a wrong enum', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['kind'],
      properties: { kind: { const: 'X' }, a: { type: 'boolean' }, b: { enum: ['p', 'q'] }, c: { $ref: 'definitions.schema.json#/$defs/roleNames' } },
    };
    const outline = outlineOf(schema, 'x.schema.json');
    expect(outline).toEqual({ properties: { kind: { enum: ['X'] }, a: { optional: 'boolean' }, b: { optional: { enum: ['p', 'q'] } }, c: { optional: { items: 'string' } } } });
    expect(outline).not.toEqual({ properties: { kind: { enum: ['X'] }, a: { optional: 'boolean' }, b: { optional: { enum: ['p', 'q'] } } } });
    expect(outline).not.toEqual({ properties: { kind: { enum: ['X'] }, a: 'boolean', b: { optional: { enum: ['p', 'q'] } }, c: { optional: { items: 'string' } } } });
    expect(outline).not.toEqual({ properties: { kind: { enum: ['X'] }, a: { optional: 'boolean' }, b: { optional: { enum: ['p'] } }, c: { optional: { items: 'string' } } } });
  });
});
