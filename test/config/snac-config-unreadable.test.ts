import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { MAX_FILE_BYTES } from '../../src/config/read-text.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { main } from '../../src/main.js';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { captureIo } from '../support/io.js';
import { removeProjects, writeProject, yaml } from './project.js';

// Permission errors cannot be made with chmod when the tests run as root (root reads anything):
// the file system calls answer EACCES for the paths a test names, and pass everything else on.
const denied = vi.hoisted(() => ({ lstat: new Set<string>(), open: new Set<string>() }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const refuse = (path: unknown): never => {
    throw Object.assign(new Error(`EACCES: permission denied, '${String(path)}'`), { code: 'EACCES', path });
  };
  return {
    ...actual,
    lstat: ((path, ...rest) => (denied.lstat.has(String(path)) ? refuse(path) : actual.lstat(path, ...rest))) as typeof actual.lstat,
    open: ((path, ...rest) => (denied.open.has(String(path)) ? refuse(path) : actual.open(path, ...rest))) as typeof actual.open,
  };
});

afterAll(removeProjects);
afterEach(() => {
  denied.lstat.clear();
  denied.open.clear();
});

const account = yaml('kind: ServiceAccount', 'user_name: svc_a');

/** A project whose snac.yaml `make` puts in place; what loading it reports, and whether it planned. */
async function load(make: (path: string, root: string) => void): Promise<{ diagnostics: Diagnostic[]; desired: boolean }> {
  const root = writeProject({ 'accounts/a.yaml': account });
  make(join(root, 'snac.yaml'), root);
  const project = await loadProject({ dir: join(root, 'accounts') });
  return { diagnostics: project.diagnostics, desired: project.desired !== undefined };
}

/** One diagnostic at snac.yaml, as loadProject reports it. */
function problem(severity: Diagnostic['severity'], code: string, summary: string, fix: string, line = 1, column = 1): Diagnostic {
  return { severity, code, summary, fix, at: { file: 'snac.yaml', line, column } };
}

function unreadable(summary: string, fix: string): { diagnostics: Diagnostic[]; desired: boolean } {
  return { diagnostics: [problem('error', 'file-unreadable', summary, fix)], desired: false };
}

describe('snac.yaml that is there but cannot be read is an error, never the defaults', () => {
  it('nothing at the path is the one case that means the defaults', async () => {
    const root = writeProject({ 'accounts/a.yaml': account });
    const project = await loadProject({ dir: join(root, 'accounts') });
    expect(project.diagnostics).toEqual([]);
    expect(project.desired?.config).toEqual(DEFAULT_CONFIG);
  });

  it('a directory above it that cannot be searched (EACCES)', async () => {
    expect(await load((path) => denied.lstat.add(path))).toEqual(
      unreadable('cannot read the file (EACCES: permission denied)', 'give the user running snac read access to the file and search access to the directories above it'),
    );
  });

  it('a file without read permission (EACCES)', async () => {
    expect(await load((path) => (writeFileSync(path, 'prune: ignore\n'), denied.open.add(path)))).toEqual(
      unreadable('cannot read the file (EACCES: permission denied)', 'give the user running snac read access to the file and search access to the directories above it'),
    );
  });

  it('a directory named snac.yaml', async () => {
    expect(await load((path) => mkdirSync(path))).toEqual(
      unreadable('the path is a directory, not a file', 'put the configuration in a file at this path, or move the directory away to use the defaults'),
    );
  });

  it('a symbolic link to nothing', async () => {
    expect(await load((path, root) => symlinkSync(join(root, 'config', 'snac.yaml'), path))).toEqual(
      unreadable('the file is a symbolic link to a file that does not exist', 'point the link at the configuration, replace it with the file, or delete it to use the defaults'),
    );
  });

  it('a symbolic link to itself (ELOOP)', async () => {
    expect(await load((path) => symlinkSync(path, path))).toEqual(
      unreadable('cannot read the file (ELOOP: its symbolic links form a loop)', 'point the link at the file itself, or replace the link with the file'),
    );
  });

  it('a symbolic link that leads outside its directory', async () => {
    const outside = join(writeProject({}), 'elsewhere.yaml');
    writeFileSync(outside, 'prune: ignore\n');
    expect(await load((path) => symlinkSync(outside, path))).toEqual({
      diagnostics: [problem('error', 'symlink-outside', 'the file is a symbolic link that leads outside ./: it is not read', 'replace the link with the file itself')],
      desired: false,
    });
  });

  it('a named pipe (never opened: reading it would wait for a writer)', async () => {
    expect(await load((path) => execFileSync('mkfifo', [path]))).toEqual(
      unreadable('the path is not a regular file (a device, a pipe or a socket)', 'put the configuration in a regular file at this path'),
    );
  });

  it('bytes that are not UTF-8, at their line and column', async () => {
    expect(await load((path) => writeFileSync(path, Buffer.from('safety:\n  max_prunes: \xff\n', 'latin1')))).toEqual({
      diagnostics: [problem('error', 'not-utf8', 'the file is not valid UTF-8 text', 'save it as UTF-8 (the bytes at this place are not)', 2, 15)],
      desired: false,
    });
  });

  it('a YAML syntax error, where the parser finds it', async () => {
    expect(await load((path) => writeFileSync(path, yaml('prune: deactivate', 'known_roles: [itil')))).toEqual({
      diagnostics: [problem('error', 'yaml-syntax', 'YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]', 'fix the YAML at this place', 3, 1)],
      desired: false,
    });
  });

  it('a value its schema refuses, at its line', async () => {
    expect(await load((path) => writeFileSync(path, yaml('scope:', '  exclude: [svc_old]', 'prune: sometimes')))).toEqual({
      diagnostics: [problem('error', 'invalid-value', '"prune" must be one of: deactivate, delete, ignore; got the text "sometimes"', 'use one of the listed values', 3, 8)],
      desired: false,
    });
  });

  it('an empty file is the defaults, with a warning that says so (it has no `kind:` to add)', async () => {
    expect(await load((path) => writeFileSync(path, '# nothing yet\n'))).toEqual({
      diagnostics: [problem('warning', 'empty-file', 'the file sets nothing: snac uses the defaults', 'add the settings to change (schemas/snac-config.schema.json lists them) or delete the file')],
      desired: true,
    });
  });

  it('a file over the size limit, with advice for snac.yaml rather than for declarations', async () => {
    expect(await load((path) => writeFileSync(path, `# ${'x'.repeat(MAX_FILE_BYTES)}\n`))).toEqual({
      diagnostics: [problem('error', 'file-too-large', 'file is larger than 1 MiB', 'keep only the settings in snac.yaml (its instances, scope, safety and policy); declarations go under accounts/')],
      desired: false,
    });
  });

  it('snac validate prints the error at the file and exits 1', async () => {
    const root = writeProject({ 'accounts/a.yaml': account });
    symlinkSync(join(tmpdir(), 'snac-no-such-config.yaml'), join(root, 'snac.yaml'));
    const io = captureIo({}, root);
    expect(await main(['validate'], io)).toBe(1);
    expect(io.out().split('\n')[0]).toBe(
      'snac.yaml:1:1 error [file-unreadable] the file is a symbolic link to a file that does not exist: point the link at the configuration, replace it with the file, or delete it to use the defaults',
    );
  });

  it('snac import leaves a snac.yaml it cannot read in place instead of writing a new one', async () => {
    const root = writeProject({ 'accounts/a.yaml': account });
    symlinkSync(join(root, 'config', 'snac.yaml'), join(root, 'snac.yaml'));
    const io = captureIo({}, root);
    expect(await main(['import', '--instance-url', 'https://acme.service-now.com'], io)).toBe(1);
    expect(io.err().split('\n')[0]).toBe(
      'snac.yaml:1:1 error [file-unreadable] the file is a symbolic link to a file that does not exist: point the link at the configuration, replace it with the file, or delete it to use the defaults',
    );
  });
});
