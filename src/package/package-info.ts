import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What snac knows about its own package: where it is installed, its version, where it is released. */
export interface PackageInfo {
  /** The package's root directory (holding package.json, schemas/, docs/). */
  readonly root: string;
  readonly name: string;
  readonly version: string;
  /** "owner/name" of the GitHub repository that releases the action, from package.json's repository. */
  readonly repository: string;
}

// src/package/ and dist/package/ both sit two levels below the package root.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (cached) return cached;
  const json = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; repository?: string | { url?: string } };
  const url = typeof json.repository === 'string' ? json.repository : (json.repository?.url ?? '');
  const repository = /github(?:\.com[/:]|:)([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url)?.[1] ?? `snac/${json.name}`;
  cached = { root, name: json.name, version: json.version, repository };
  return cached;
}

/** The action a workflow names: `owner/snac@v<version>`, the tag the release carries. */
export function actionReference(info: PackageInfo = packageInfo()): string {
  return `${info.repository}@v${info.version}`;
}

/** A versioned https URL of one of the package's schemas, for files outside any installation. */
export function schemaUrl(schema: string, info: PackageInfo = packageInfo()): string {
  return `https://raw.githubusercontent.com/${info.repository}/v${info.version}/schemas/${schema}`;
}
