import { open } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics.js';

/** No declaration file is anywhere near this; a bigger one is a mistake or an attack. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type TextResult = { readonly text: string } | { readonly diagnostic: Diagnostic };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
const REPLACEMENT = '\uFFFD';
const ENCODED_REPLACEMENT = Buffer.from(REPLACEMENT, 'utf8');

/**
 * Reads the file at `path` as UTF-8 text without ever holding more than MAX_FILE_BYTES + 1 bytes
 * of it (the size stat reports is not trusted: a file can grow). Problems are reported at `file`,
 * the name users see.
 */
export async function readTextFile(path: string, file: string): Promise<TextResult> {
  let handle;
  try {
    handle = await open(path, 'r');
    const chunkSize = Math.min(MAX_FILE_BYTES + 1, Math.max((await handle.stat()).size + 1, 4096));
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= MAX_FILE_BYTES) {
      const chunk = Buffer.allocUnsafe(Math.min(chunkSize, MAX_FILE_BYTES + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    if (length > MAX_FILE_BYTES) {
      return {
        diagnostic: {
          severity: 'error',
          code: 'file-too-large',
          summary: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
          fix: 'split the declarations into several files (one per account or group is the convention)',
          at: { file, line: 1, column: 1 },
        },
      };
    }
    return decode(file, Buffer.concat(chunks, length));
  } catch (error) {
    return { diagnostic: unreadableFile(file, error) };
  } finally {
    await handle?.close();
  }
}

/** What an error opening or reading a file means, and what to do about it, by its code. */
const UNREADABLE: Readonly<Record<string, { readonly reason: string; readonly fix: string }>> = {
  ENOENT: { reason: 'it does not exist', fix: 'check the file exists and is readable' },
  EACCES: { reason: 'permission denied', fix: 'give the user running snac read access to the file and search access to the directories above it' },
  EPERM: { reason: 'operation not permitted', fix: 'give the user running snac read access to the file and search access to the directories above it' },
  EISDIR: { reason: 'it is a directory', fix: 'put a file at this path, not a directory' },
  ENOTDIR: { reason: 'a part of its path is a file, not a directory', fix: 'check the path' },
  ELOOP: { reason: 'its symbolic links form a loop', fix: 'point the link at the file itself, or replace the link with the file' },
};

/** The error for a file that cannot be opened or read: its code, what it means and what to do. */
export function unreadableFile(file: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException).code;
  const known = code === undefined ? undefined : UNREADABLE[code];
  const reason = code === undefined ? (error as Error).message : known ? `${code}: ${known.reason}` : code;
  return { severity: 'error', code: 'file-unreadable', summary: `cannot read the file (${reason})`, fix: known?.fix ?? 'check the file exists and is readable', at: { file, line: 1, column: 1 } };
}

function decode(file: string, bytes: Buffer): TextResult {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return {
      diagnostic: {
        severity: 'error',
        code: 'not-utf8',
        summary: 'the file is not valid UTF-8 text',
        fix: 'save it as UTF-8 (the bytes at this place are not)',
        at: { file, ...firstInvalidPosition(bytes) },
      },
    };
  }
}

/**
 * The line and column of the first byte sequence that is not UTF-8. The lenient decoder replaces
 * it with U+FFFD; a U+FFFD that really is in the file is told apart by its own three bytes.
 */
function firstInvalidPosition(bytes: Buffer): { line: number; column: number } {
  const text = lenientUtf8.decode(bytes);
  let offset = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 1;
  let column = 1;
  for (const char of text) {
    if (char === REPLACEMENT && !bytes.subarray(offset, offset + 3).equals(ENCODED_REPLACEMENT)) break;
    offset += Buffer.byteLength(char, 'utf8');
    if (char === '\n') {
      line += 1;
      column = 1;
    } else {
      column += char.length;
    }
  }
  return { line, column };
}
