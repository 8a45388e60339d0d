import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Action, KindName } from '../plan/change.js';

/** What happened to one change. `adopted`: an ambiguous create had in fact committed. */
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
 * An append-only journal. Each entry is appended (and flushed by the OS) before the next write
 * starts, so a process killed half way leaves an exact record of what it did.
 */
export class Journal {
  constructor(readonly path: string) {}

  async append(entry: JournalEntry): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${JSON.stringify(entry)}\n`, 'utf8');
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

/**
 * Keys of the changes a journal records an attempt at, whatever the outcome: a write that
 * failed or whose outcome was unknown may still have committed, and is ours either way.
 */
export function attemptedKeys(entries: readonly JournalEntry[]): Set<string> {
  return new Set(entries.filter((e) => e.outcome !== 'skipped').map((e) => changeId(e)));
}

export const changeId = (c: { kind: string; key: string; action: string }) => `${c.kind}|${c.key}|${c.action}`;
