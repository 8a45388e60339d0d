import type { CommandIo } from './command.js';

/** Progress lines are for people: on a TTY, and never in CI (where logs must stay readable). */
export function wantsProgress(io: CommandIo): boolean {
  return Boolean(io.stderr.isTTY) && !io.env['CI'];
}

export interface PageProgress {
  /** Give to the Table API client: called after every page read. */
  readonly onPage: (table: string, rows: number) => void;
  /** End the progress line. */
  done(): void;
}

/**
 * One self-rewriting line on stderr while an instance is read: pages and rows so far, and the
 * table of the last page. Undefined when progress is not wanted.
 */
export function pageProgress(io: CommandIo): PageProgress | undefined {
  if (!wantsProgress(io)) return undefined;
  let pages = 0;
  let rows = 0;
  return {
    onPage: (table, count) => {
      pages += 1;
      rows += count;
      io.stderr.write(`\r  read ${pages} page${pages === 1 ? '' : 's'}, ${rows.toLocaleString('en-US')} rows (${table})\u001b[K`);
    },
    done: () => {
      if (pages > 0) io.stderr.write('\n');
    },
  };
}
