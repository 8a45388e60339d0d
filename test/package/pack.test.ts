import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionReference, packageInfo } from '../../src/package/package-info.js';
import { packedFiles, REPO } from './pack.js';

describe('the npm package', () => {
  it('holds the CLI, the schemas, the docs and the action, and nothing of the repository besides', async () => {
    const files = await packedFiles();
    expect(files).toEqual(expect.arrayContaining([
      'package.json',
      'README.md',
      'action.yml',
      'dist/cli.js',
      'dist/emulator/emulator.js',
      'docs/declarations.md',
      'docs/policy.md',
      'schemas/definitions.schema.json',
      'schemas/group.schema.json',
      'schemas/plan.schema.json',
      'schemas/role.schema.json',
      'schemas/security-settings.schema.json',
      'schemas/service-account.schema.json',
      'schemas/snac-config.schema.json',
    ]));
    const tops = new Set(files.map((f) => f.split('/')[0]));
    expect([...tops].sort()).toEqual(['README.md', 'action.yml', 'dist', 'docs', 'package.json', 'schemas']);
  });

  it('is installed and referenced, in the README, by the release package.json names', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const { repository, version } = packageInfo();
    expect(readme).toContain(`npm install --save-dev github:${repository}#v${version}`);
    expect(readme).toContain(`uses: ${actionReference()}`);
  });
});
