import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/files/write-atomic.js';
import { main } from '../../src/main.js';
import { removeProjects, writeProject, yaml } from '../config/project.js';
import { captureIo } from '../support/io.js';

/**
 * 8 and 9. Whoever opens a pull request, even from a fork, has `snac validate` read their files.
 * A file built to make parsing quadratic is judged in one pass; a symbolic link out of the
 * declarations is never followed, so no file of the runner is read or echoed.
 * (How long the big files take is printed by `npm run bench:yaml`, not asserted here.)
 */

afterAll(removeProjects);

async function validate(root: string) {
  const io = captureIo({}, root);
  const code = await main(['validate'], io);
  return { code, out: io.out() + io.err() };
}

/** a, b, …, z, aa, ab, …: distinct keys that YAML reads as plain strings. */
function letters(n: number): string {
  let out = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) out = String.fromCharCode(97 + ((i - 1) % 26)) + out;
  return out;
}

describe('8. a file of 100,000 keys is judged in one pass', () => {
  it('a duplicate key far down a large mapping is reported with both places', async () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  k${i}: 1`);
    const root = writeProject({ 'accounts/big.yaml': yaml('kind: ServiceAccount', 'user_name: svc_big', 'interactive:', ...keys, '  k7: 2') });
    const run = await validate(root);
    expect(run.code).toBe(1);
    expect(run.out).toContain('accounts/big.yaml:40004:3 error [yaml-duplicate-key] the key "k7" appears twice in this mapping: here and at line 11, column 3: keep one of them');
  });

  it('124,000 keys in 1 MiB: refused as too large, not parsed for minutes', async () => {
    const root = writeProject({ 'accounts/huge.yaml': Array.from({ length: 124_000 }, (_, i) => `${letters(i)}: 1`).join('\n') });
    const run = await validate(root);
    expect(run.code).toBe(1);
    expect(run.out).toContain('accounts/huge.yaml:50000:7 error [yaml-too-large] more than 50000 values in one document');
  });

  it('control: a valid project still validates', async () => {
    const root = writeProject({}, { withExamples: true });
    expect((await validate(root)).code).toBe(0);
  });
});

describe('9. symbolic links out of the declarations are refused, unread', () => {
  const SECRET = 'runner-secret-4f1c2a';
  const outside = mkdtempSync(join(tmpdir(), 'snac-outside-'));
  writeFileSync(join(outside, 'secret.yaml'), yaml('kind: Role', `name: ${SECRET}`, `broken: [${SECRET}`));

  it('a link under accounts/ to a file elsewhere, and snac.yaml as such a link, are reported and never echoed', async () => {
    const root = writeProject({ 'accounts/a.yaml': yaml('kind: Role', 'name: u_a') });
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'accounts', 'leak.yaml'));
    symlinkSync('../../../../../../../../etc/hostname', join(root, 'accounts', 'host.yaml'));
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'snac.yaml'));
    const run = await validate(root);
    expect(run.code).toBe(1);
    expect(run.out).toContain('snac.yaml:1:1 error [symlink-outside] the file is a symbolic link that leads outside ./: it is not read');
    expect(run.out).toContain('accounts/leak.yaml:1:1 error [symlink-outside] the file is a symbolic link that leads outside accounts/: it is not read');
    expect(run.out).toContain('accounts/host.yaml:1:1 error [symlink-outside]');
    expect(run.out).not.toContain(SECRET);
  });

  it('a plan file or its temporary name planted as a link is replaced, never written through', async () => {
    const root = writeProject({});
    const target = join(outside, 'bashrc');
    writeFileSync(target, 'untouched');
    symlinkSync(target, join(root, 'plan.json'));
    symlinkSync(target, join(root, `plan.json.${process.pid}.tmp`));
    await writeFileAtomic(join(root, 'plan.json'), '{"plan":true}');
    expect(readFileSync(target, 'utf8')).toBe('untouched');
    expect(lstatSync(join(root, 'plan.json')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(root, 'plan.json'), 'utf8')).toBe('{"plan":true}');
  });

  it('control: a link to a file inside accounts/ is read', async () => {
    const root = writeProject({ 'accounts/roles/a.yaml': yaml('kind: Role', 'name: u_a') });
    symlinkSync(join(root, 'accounts', 'roles', 'a.yaml'), join(root, 'accounts', 'alias.yaml'));
    const run = await validate(root);
    expect(run.out).toContain('role "u_a" is declared 2 times');
    expect(run.out).not.toContain('symlink-outside');
  });
});
