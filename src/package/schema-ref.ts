import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { schemaUrl } from './package-info.js';

/**
 * What a YAML file's `# yaml-language-server: $schema=` line names, so that editors find the
 * schema wherever the file lives: the installed package's copy (node_modules/snac/schemas/...,
 * relative to the file), else a schemas/ directory at the project root (snac's own repository),
 * else the versioned https URL of the release.
 */
export function schemaReference(file: string, projectRoot: string, schema: string): string {
  const candidates = [join(projectRoot, 'node_modules', 'snac', 'schemas', schema), join(projectRoot, 'schemas', schema)];
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) return schemaUrl(schema);
  return relative(dirname(file), found).split(sep).join('/');
}

/** The first line of a declaration file. */
export function schemaLine(file: string, projectRoot: string, schema: string): string {
  return `# yaml-language-server: $schema=${schemaReference(file, projectRoot, schema)}\n`;
}
