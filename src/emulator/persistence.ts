import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Emulator, EmulatorSnapshot } from './emulator.js';

/** Load `--data` state; undefined when the file does not exist yet. */
export async function loadState(path: string): Promise<EmulatorSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as EmulatorSnapshot;
  } catch {
    throw new Error(`${path} is not valid JSON: it was not written by \`snac emulator --data\`; move it away or delete it`);
  }
}

/** Save atomically (write a temporary file, then rename), so a crash never leaves half a file. */
export async function saveState(emulator: Emulator, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(emulator.snapshot()), 'utf8');
  await rename(temporary, path);
}
