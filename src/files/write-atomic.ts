import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Write a file whole or not at all: a temporary file renamed into place. The temporary file is
 * created afresh (a link planted under its name is removed, never followed), and the rename
 * replaces whatever sits at `path`, a symbolic link included, rather than writing through it.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await rm(temporary, { force: true });
  await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
  await rename(temporary, path);
}
