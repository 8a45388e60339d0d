import { lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/main.js';
import { captureIo } from '../support/io.js';
import { workflowErrors } from '../support/workflows.js';

const version = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

async function snac(root: string, ...argv: string[]) {
  const io = captureIo({}, root);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

function freshRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'snac-init-'));
  mkdirSync(join(root, '.git'));
  writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/trunk\n');
  return root;
}

const WORKFLOWS = ['snac-plan.yml', 'snac-apply.yml', 'snac-drift.yml'];

describe('snac init', () => {
  it('writes snac.yaml, accounts/, workflows on the released action and CODEOWNERS, and prints the next three steps', async () => {
    const root = freshRepository();
    const result = await snac(root, 'init', '--instance', 'acmeprod', '--owners', '@acme/platform');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe([
      'snac init: wrote snac.yaml, accounts/README.md, accounts/groups/snac-managed-accounts.yaml, .github/workflows/snac-plan.yml, .github/workflows/snac-apply.yml, .github/workflows/snac-drift.yml, .github/CODEOWNERS',
      'Next:',
      '  1. Give snac a read-only account on acmeprod and export its credentials: export SNAC_USERNAME=... SNAC_PASSWORD=...',
      '  2. npx snac import --instance acmeprod --account <user_name>   declarations for the accounts you adopt first',
      '  3. npx snac plan --instance acmeprod, then commit on a branch and open a pull request (README: "Setting snac up in a repository")',
      '',
    ].join('\n'));

    const config = parse(readFileSync(join(root, 'snac.yaml'), 'utf8')) as { instances: { name: string; url: string }[]; scope: Record<string, unknown> };
    expect(config.instances).toMatchObject([{ name: 'acmeprod', url: 'https://acmeprod.service-now.com' }]);
    expect(config.scope).toEqual({ user_name_prefixes: [], marker_group: 'snac managed accounts' });
    expect(readFileSync(join(root, 'accounts', 'groups', 'snac-managed-accounts.yaml'), 'utf8')).toContain('kind: Group\nname: snac managed accounts\n');
    expect(readFileSync(join(root, '.github', 'CODEOWNERS'), 'utf8')).toContain('/accounts/                        @acme/platform');
    expect((await snac(root, 'validate')).code).toBe(0);

    for (const file of WORKFLOWS) {
      const text = readFileSync(join(root, '.github', 'workflows', file), 'utf8');
      expect(await workflowErrors(file, text)).toEqual([]);
      expect(text).not.toMatch(/uses: \.\//);
      const uses = [...text.matchAll(/uses: (\S+)/g)].map((m) => m[1]).filter((u) => !u?.startsWith('actions/'));
      expect(uses.length).toBeGreaterThan(0);
      expect(new Set(uses)).toEqual(new Set([`acme/snac@v${version}`]));
      expect(text).toContain('instance: [acmeprod]');
    }
    expect(readFileSync(join(root, '.github', 'workflows', 'snac-apply.yml'), 'utf8')).toContain('branches: [trunk]');
  });

  it('never overwrites a file without --force, and says which it left alone', async () => {
    const root = freshRepository();
    writeFileSync(join(root, 'snac.yaml'), '# ours\n');
    const result = await snac(root, 'init', '--instance-url', 'https://dev12345.service-now.com');
    expect(result.code).toBe(0);
    expect(result.out).toContain('  left alone (they exist; --force overwrites): snac.yaml\n');
    expect(readFileSync(join(root, 'snac.yaml'), 'utf8')).toBe('# ours\n');
    expect(readFileSync(join(root, '.github', 'workflows', 'snac-plan.yml'), 'utf8')).toContain('instance: [dev12345]');

    const again = await snac(root, 'init', '--instance-url', 'https://dev12345.service-now.com', '--force');
    expect(again.out).toMatch(/^snac init: wrote snac\.yaml, /);
    expect(readFileSync(join(root, 'snac.yaml'), 'utf8')).toContain('  - name: dev12345\n    url: https://dev12345.service-now.com\n');
  });

  it('leaves a snac.yaml link to nothing in place: only --force replaces it', async () => {
    const root = freshRepository();
    symlinkSync(join(root, 'config', 'snac.yaml'), join(root, 'snac.yaml'));
    const result = await snac(root, 'init', '--instance-url', 'https://dev12345.service-now.com');
    expect(result.code).toBe(0);
    expect(result.out).toContain('  left alone (they exist; --force overwrites): snac.yaml\n');
    expect(lstatSync(join(root, 'snac.yaml')).isSymbolicLink()).toBe(true);
  });

  it('asks which instance when none is named', async () => {
    const result = await snac(freshRepository(), 'init');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^snac init: name the instance: --instance NAME for https:\/\/NAME\.service-now\.com, or --instance-url URL\n/);
  });
});
