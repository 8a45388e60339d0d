import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO = join(import.meta.dirname, '..', '..');

interface PackedFile {
  readonly path: string;
}

/** What `npm pack` would put in the tarball (no build: the caller has built dist/). */
export async function packedFiles(): Promise<string[]> {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO });
  const [packed] = JSON.parse(stdout) as [{ files: PackedFile[] }];
  return packed.files.map((f) => f.path).sort();
}

/** Pack the package into `dir`; returns the tarball's path. */
export async function pack(dir: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], { cwd: REPO });
  const [packed] = JSON.parse(stdout) as [{ filename: string }];
  return join(dir, packed.filename);
}

/**
 * Install a tarball into a project's node_modules the way npm does, without the registry:
 * unpack it as node_modules/snac, link the package's runtime dependencies from this
 * repository's node_modules, and link its bin into node_modules/.bin (executable).
 */
export async function installTarball(tarball: string, project: string): Promise<void> {
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', modules]);
  renameSync(join(modules, 'package'), join(modules, 'snac'));
  const manifest = JSON.parse(readFileSync(join(modules, 'snac', 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };
  for (const dependency of Object.keys(manifest.dependencies)) {
    const scope = dependency.startsWith('@') ? dependency.split('/')[0] : undefined;
    if (scope !== undefined) mkdirSync(join(modules, scope), { recursive: true });
    symlinkSync(join(REPO, 'node_modules', dependency), join(modules, dependency), 'dir');
  }
  for (const [name, path] of Object.entries(manifest.bin)) {
    chmodSync(join(modules, 'snac', path), 0o755);
    symlinkSync(join('..', 'snac', path), join(modules, '.bin', name));
  }
}
