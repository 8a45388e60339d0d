import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Action, KindName } from '../plan/change.js';

/**
 * What happened to one change. `adopted`: an ambiguous create had in fact committed.
 * `unknown`: it may have committed and could not be confirmed (the next run confirms it).
 * `skipped`: not written (the apply was stopped, the rate limit ran out, or it depends on a
 * write whose outcome is unknown); the item's error says which.
 */
export type ItemOutcome = 'ok' | 'adopted' | 'failed' | 'unknown' | 'skipped';

/**
 * One line of the journal (JSON Lines). Each write is journaled twice: `started` before the
 * request leaves, then its outcome, so a process killed between the instance committing and
 * the outcome line being written still left a trace of the attempt.
 */
export interface JournalEntry {
  readonly time: string;
  readonly planHash: string;
  readonly kind: KindName;
  readonly key: string;
  readonly action: Action;
  readonly outcome: ItemOutcome | 'started';
  readonly request?: { readonly method: string; readonly table: string };
  readonly sysId?: string;
  readonly error?: string;
}

/**
 * An append-only journal. Each entry is appended before the next write of its slot starts, and
 * a `started` line is on disk (fdatasync) before its request leaves, so a process killed half
 * way, or a machine that loses power, leaves an exact record of what it may have written.
 */
export class Journal {
  /** Set once the file is known to end with a whole line (a torn last line is closed first). */
  private opened: Promise<void> | undefined;

  constructor(readonly path: string) {}

  async append(entry: JournalEntry): Promise<void> {
    this.opened ??= this.closeTornLine();
    await this.opened;
    const file = await open(this.path, 'a');
    try {
      await file.write(`${JSON.stringify(entry)}\n`, null, 'utf8');
      if (entry.outcome === 'started') await file.datasync();
    } finally {
      await file.close();
    }
  }

  /**
   * A run killed mid-line leaves a fragment without its newline; appending straight after it
   * would glue the next entry to the fragment and lose both. End the fragment's line first.
   */
  private async closeTornLine(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const file = await open(this.path, 'a+');
    try {
      const { size } = await file.stat();
      if (size === 0) return;
      const last = Buffer.alloc(1);
      await file.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) await file.write('\n');
    } finally {
      await file.close();
    }
  }

  /** Entries for one plan; a torn last line (the process died mid-write) is ignored. */
  async entries(planHash: string): Promise<JournalEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: JournalEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const entry = JSON.parse(line) as JournalEntry;
        if (entry.planHash === planHash) entries.push(entry);
      } catch {
        continue;
      }
    }
    return entries;
  }
}

