import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './project.js';

const doc = readFileSync(join(REPO_ROOT, 'docs', 'declarations.md'), 'utf8');
type Schema = { properties?: Record<string, Schema>; $defs?: Record<string, Schema>; additionalProperties?: unknown; items?: Schema; oneOf?: Schema[]; $ref?: string };
const schema = (file: string): Schema => JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', file), 'utf8')) as Schema;

/** Every property name a schema defines, however deep (through $defs, items and maps). */
function propertyNames(root: Schema): string[] {
  const names = new Set<string>();
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const s = node as Schema;
    for (const [name, child] of Object.entries(s.properties ?? {})) {
      names.add(name);
      visit(child);
    }
    for (const child of Object.values(s.$defs ?? {})) visit(child);
    for (const child of [s.items, s.additionalProperties, ...(s.oneOf ?? [])]) visit(child);
  };
  visit(root);
  return [...names].sort();
}

describe('docs/declarations.md', () => {
  it.each(['service-account.schema.json', 'group.schema.json', 'role.schema.json', 'security-settings.schema.json', 'oauth-client.schema.json', 'snac-config.schema.json'])(
    'documents every field of %s',
    (file) => {
      const fields = propertyNames(schema(file));
      expect(fields.length).toBeGreaterThan(2);
      // A field is documented as `name`, or as part of a path: `scope.exclude`, `instances[].auth.type`.
      const missing = fields.filter((name) => !new RegExp('`([a-z_.\\[\\]<>]*\\.)?' + name.replaceAll('.', '\\.') + '[`.\\[]').test(doc));
      expect(missing).toEqual([]);
    },
  );

  it('documents every diagnostic code the loader can report', () => {
    const sources = readdirSync(join(REPO_ROOT, 'src', 'config')).map((f) => readFileSync(join(REPO_ROOT, 'src', 'config', f), 'utf8'));
    const codes = new Set<string>();
    for (const source of sources) {
      for (const match of source.matchAll(/(?:code: |Refusal\(|error\((?:document, '[^']*', )?\s*)'([a-z0-9-]+)'/g)) codes.add(match[1] ?? '');
    }
    expect(codes.size).toBeGreaterThan(30);
    expect([...codes].filter((code) => !doc.includes(`| \`${code}\` |`))).toEqual([]);
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).toContain('(docs/declarations.md)');
  });
});
