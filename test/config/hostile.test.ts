import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { listYamlFiles } from '../../src/config/load.js';
import { MAX_FILE_BYTES, readTextFile } from '../../src/config/read-text.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { removeProjects, writeProject, yaml } from './project.js';

afterAll(removeProjects);

/** Every path under a directory with its size and modification time: proof nothing was written. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => join(e.parentPath, e.name))
    .map((path) => {
      const s = statSync(path, { throwIfNoEntry: false });
      return `${path} ${s?.size ?? '-'} ${s?.mtimeMs ?? '-'}`;
    })
    .sort();
}

const errorsOf = (diagnostics: readonly { severity: string; code: string }[]) => diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('hostile input', () => {
  it('10,000 files load completely and fast', async () => {
    const files: Record<string, string> = { 'accounts/groups/integrations.yaml': yaml('kind: Group', 'name: Integrations', 'roles: [itil]') };
    for (let i = 0; i < 10_000; i++) {
      files[`accounts/bulk/svc_bulk_${String(i).padStart(5, '0')}.yaml`] = yaml('kind: ServiceAccount', `user_name: svc_bulk_${i}`, 'owner: alice.nguyen', 'groups: [Integrations]');
    }
    const root = writeProject(files);
    const started = performance.now();
    const project = await loadProject({ dir: join(root, 'accounts') });
    const elapsed = performance.now() - started;
    expect(project.diagnostics).toEqual([]);
    expect(project.desired?.records.ServiceAccount).toHaveLength(10_000);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('1 MiB of tiny documents, all declaring the same role, is reported without blowing up', async () => {
    const doc = yaml('kind: Role', 'name: u_same', '---');
    const root = writeProject({ 'accounts/many.yaml': doc.repeat(Math.floor(MAX_FILE_BYTES / doc.length)) });
    const project = await loadProject({ dir: join(root, 'accounts') });
    const errors = project.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(30_000);
    expect(new Set(errors.map((d) => d.code))).toEqual(new Set(['duplicate-key']));
    expect(errors[0]?.summary).toMatch(/^role "u_same" is declared \d+ times: here and at accounts\/many\.yaml:5:7, accounts\/many\.yaml:8:7, accounts\/many\.yaml:11:7 and \d+ more$/);
  });

  it('a file of exactly the size limit is read', async () => {
    const body = `${yaml('kind: Role', 'name: u_padded')}# `;
    const root = writeProject({ 'accounts/padded.yaml': `${body.padEnd(MAX_FILE_BYTES - 1, 'x')}\n` });
    const project = await loadProject({ dir: join(root, 'accounts') });
    expect(project.diagnostics).toEqual([]);
    expect(project.desired?.records.Role.map((r) => r.key)).toEqual(['u_padded']);
  });

  it('no key reaches Object.prototype, wherever it is written', async () => {
    const root = writeProject({
      'accounts/a.yaml': yaml('kind: ServiceAccount', 'user_name: svc_a', 'interactive:', '  __proto__: {polluted: true}'),
      'accounts/b.yaml': yaml('kind: SecuritySettings', 'properties:', '  prototype: {polluted: true}'),
      'accounts/c.yaml': yaml('kind: Group', 'name: G', '"__proto__": [x]'),
      'snac.yaml': yaml('policy:', '  rules:', '    constructor: {enabled: false}'),
    });
    const project = await loadProject({ dir: join(root, 'accounts') });
    expect(project.diagnostics.map(formatDiagnostic)).toEqual([
      'accounts/a.yaml:4:3 error [yaml-forbidden-key] the key "__proto__" is not allowed: remove it: no declaration field has this name',
      'accounts/b.yaml:3:3 error [yaml-forbidden-key] the key "prototype" is not allowed: remove it: no declaration field has this name',
      'accounts/c.yaml:3:1 error [yaml-forbidden-key] the key "__proto__" is not allowed: remove it: no declaration field has this name',
      'snac.yaml:3:5 error [yaml-forbidden-key] the key "constructor" is not allowed: remove it: no declaration field has this name',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('devices, pipes and link loops under accounts/ are not read and do not hang', async () => {
    const root = writeProject({ 'accounts/a.yaml': yaml('kind: Role', 'name: u_a') });
    symlinkSync('/dev/zero', join(root, 'accounts', 'zero.yaml'));
    execFileSync('mkfifo', [join(root, 'accounts', 'pipe.yaml')]);
    symlinkSync(join(root, 'accounts'), join(root, 'accounts', 'loop'));
    symlinkSync(join(root, 'accounts', 'a.yaml'), join(root, 'accounts', 'link.yaml'));
    const project = await loadProject({ dir: join(root, 'accounts') });
    // The link to a real file inside accounts/ is read: the role is then declared twice, once
    // through the link. The link to /dev/zero leads outside accounts/ and is refused, unread.
    expect(project.diagnostics.map((d) => `${d.at?.file} ${d.code}`)).toEqual(['accounts/a.yaml duplicate-key', 'accounts/link.yaml duplicate-key', 'accounts/zero.yaml symlink-outside']);
  });

  it('a directory or file that cannot be read is reported, not thrown', async () => {
    const root = writeProject({ 'accounts/a.yaml': yaml('kind: Role', 'name: u_a') });
    const listed = await listYamlFiles(join(root, 'accounts', 'a.yaml'), root);
    expect(listed.sources).toEqual([]);
    expect(listed.diagnostics.map((d) => [d.code, d.summary])).toEqual([['file-unreadable', `cannot read the directory ${join('accounts', 'a.yaml')} (ENOTDIR)`]]);
    expect(await readTextFile(join(root, 'accounts', 'gone.yaml'), 'accounts/gone.yaml')).toEqual({
      diagnostic: { severity: 'error', code: 'file-unreadable', summary: 'cannot read the file (ENOENT: it does not exist)', fix: 'check the file exists and is readable', at: { file: 'accounts/gone.yaml', line: 1, column: 1 } },
    });
  });

  it('hidden directories are skipped', async () => {
    const root = writeProject({ 'accounts/a.yaml': yaml('kind: Role', 'name: u_a'), 'accounts/.git/b.yaml': 'not: [yaml' });
    expect((await loadProject({ dir: join(root, 'accounts') })).diagnostics).toEqual([]);
  });

  it('writes nothing anywhere, whatever it is given', async () => {
    const root = writeProject({
      'accounts/bomb.yaml': yaml('a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]'),
      'accounts/deep.yaml': `a: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`,
      'accounts/binary.yaml': new Uint8Array([0x6b, 0x3a, 0x20, 0xff, 0xfe, 0x00, 0x0a]),
      'accounts/huge.yaml': 'x'.repeat(MAX_FILE_BYTES + 10),
      'accounts/tags.yaml': yaml('kind: !!python/object:os.system Role', 'name: u_a'),
      'snac.yaml': yaml('prune: [delete'),
    });
    mkdirSync(join(root, 'accounts', 'empty-dir'));
    writeFileSync(join(root, 'accounts', 'notes.txt'), 'not yaml, not read');
    const before = snapshot(root);
    const project = await loadProject({ dir: join(root, 'accounts') });
    expect(snapshot(root)).toEqual(before);
    expect(errorsOf(project.diagnostics)).toEqual(['not-utf8', 'yaml-alias-limit', 'yaml-too-deep', 'file-too-large', 'yaml-tag', 'yaml-syntax']);
  });
});
