import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadProject } from '../../src/config/index.js';
import { HIGH_SECURITY_SETTINGS } from '../../src/model/high-security-settings.js';
import { REPO_ROOT } from './project.js';

const SCHEMAS = join(REPO_ROOT, 'schemas');
const KIND_SCHEMAS: Readonly<Record<string, string>> = {
  ServiceAccount: 'service-account.schema.json',
  Group: 'group.schema.json',
  Role: 'role.schema.json',
  SecuritySettings: 'security-settings.schema.json',
  OAuthClient: 'oauth-client.schema.json',
};
const DECLARATION_SCHEMAS = ['definitions.schema.json', ...Object.values(KIND_SCHEMAS), 'snac-config.schema.json'];

type Schema = Record<string, unknown>;
const read = (file: string): Schema => JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as Schema;

/** An ajv that knows every schema by its file name, as editors resolve the relative $refs. */
function schemaAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, discriminator: true, allowUnionTypes: true, strict: true, strictRequired: false });
  for (const file of DECLARATION_SCHEMAS) ajv.addSchema(read(file), file);
  return ajv;
}

/** Every subschema of a schema, with its JSON pointer. */
function* subschemas(schema: unknown, pointer = ''): Generator<[string, Schema]> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return;
  yield [pointer, schema as Schema];
  for (const keyword of ['properties', '$defs'] as const) {
    for (const [name, child] of Object.entries(((schema as Schema)[keyword] ?? {}) as Schema)) yield* subschemas(child, `${pointer}/${keyword}/${name}`);
  }
  for (const keyword of ['items', 'additionalProperties', 'propertyNames', 'then'] as const) yield* subschemas((schema as Schema)[keyword], `${pointer}/${keyword}`);
  const oneOf = ((schema as Schema)['oneOf'] ?? []) as unknown[];
  for (const [i, child] of oneOf.entries()) yield* subschemas(child, `${pointer}/oneOf/${i}`);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

describe('the schemas', () => {
  it.each(DECLARATION_SCHEMAS)('%s is draft 2020-12 and compiles in strict mode', (file) => {
    expect(read(file)['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => schemaAjv().getSchema(file)).not.toThrow();
    expect(schemaAjv().getSchema(file)).toBeDefined();
  });

  it.each(DECLARATION_SCHEMAS)('%s describes every property and closes every mapping', (file) => {
    const schema = read(file);
    for (const [pointer, sub] of subschemas(schema)) {
      for (const [name, property] of Object.entries((sub['properties'] ?? {}) as Schema)) {
        expect((property as Schema)['description'], `${file}#${pointer}/properties/${name}`).toEqual(expect.any(String));
      }
      if (sub['properties'] !== undefined && sub['oneOf'] === undefined) expect(sub['additionalProperties'], `${file}#${pointer}`).toBe(false);
      for (const branch of (sub['oneOf'] ?? []) as Schema[]) {
        const target = [...subschemas(schema)].find(([p]) => `#${p}` === branch['$ref'])?.[1];
        expect(target?.['additionalProperties'], `${file}#${pointer} → ${String(branch['$ref'])}`).toBe(false);
      }
    }
  });

  it.each(DECLARATION_SCHEMAS)('the examples in %s are valid', (file) => {
    const ajv = schemaAjv();
    let count = 0;
    for (const [pointer, sub] of subschemas(read(file))) {
      for (const example of (sub['examples'] ?? []) as unknown[]) {
        count += 1;
        const valid = ajv.validate({ $ref: `${file}#${pointer}` }, example);
        expect(valid, `${file}#${pointer}: ${JSON.stringify(ajv.errors)}`).toBe(true);
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  it('SecuritySettings names exactly the High Security Settings of the catalogue, with their types', () => {
    const properties = read(KIND_SCHEMAS['SecuritySettings'] ?? '')['properties'] as Record<string, Schema>;
    const friendly = Object.keys(properties).filter((name) => name !== 'kind' && name !== 'properties');
    expect(friendly.sort()).toEqual(HIGH_SECURITY_SETTINGS.map((s) => s.friendlyName).sort());
    for (const setting of HIGH_SECURITY_SETTINGS) {
      const property = properties[setting.friendlyName] ?? {};
      expect(property['description']).toContain(setting.property);
      if (setting.type === 'boolean') expect(property['type']).toBe('boolean');
      else expect(property['enum'] ?? property['type']).toEqual(setting.friendlyName === 'default_deny' ? ['deny', 'allow'] : 'integer');
    }
  });
});

describe('the example declarations', () => {
  const files = [...yamlFiles(join(REPO_ROOT, 'accounts')), join(REPO_ROOT, 'snac.yaml')];

  it('are a realistic set: a dozen service accounts, their groups, a custom role, the settings', async () => {
    const project = await loadProject({ dir: join(REPO_ROOT, 'accounts') });
    expect(project.diagnostics).toEqual([]);
    const desired = project.desired;
    expect(desired?.records.ServiceAccount.length).toBeGreaterThanOrEqual(12);
    expect(desired?.records.Group.map((g) => g.name)).toContain('ServiceNow Service Accounts');
    expect(desired?.records.Role.map((r) => r.key)).toEqual(['u_cmdb_import']);
    expect(desired?.records.SecuritySettings.length).toBeGreaterThan(0);
    expect(desired?.config.instances.map((i) => i.name)).toEqual(['demo']);
  });

  it.each(files.map((f) => [relative(REPO_ROOT, f), f]))('%s validates against its schema and names it on line 1', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const [firstLine = ''] = text.split('\n');
    const reference = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine)?.[1];
    expect(reference, 'first line names the schema').toBeDefined();
    const referenced = relative(SCHEMAS, resolve(dirname(file), reference ?? ''));
    const ajv = schemaAjv();
    for (const doc of parseAllDocuments(text)) {
      expect(doc.errors).toEqual([]);
      const data = doc.toJS() as Schema;
      const schemaFile = file.endsWith('snac.yaml') ? 'snac-config.schema.json' : KIND_SCHEMAS[String(data['kind'])];
      expect(referenced).toBe(schemaFile);
      expect(ajv.validate(schemaFile ?? '', data), JSON.stringify(ajv.errors)).toBe(true);
    }
  });
});
