import { lstat } from 'node:fs/promises';

/**
 * Is there nothing at all at the path, not even a link to nothing? The one meaning of "the file
 * is missing": a file that is there but cannot be read (permissions, a broken link) is neither
 * replaced by a default nor written over.
 */
export async function nothingAt(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
