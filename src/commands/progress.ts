import type { ListOptions, Row, TableReader } from '../kinds/table-reader.js';
import type { CommandIo } from './command.js';

/** Progress lines are for people: on a TTY, and never in CI (where logs must stay readable). */
export function wantsProgress(io: CommandIo): boolean {
  return Boolean(io.stderr.isTTY) && !io.env['CI'];
}

/** A TableReader that reports each table as it is read, on stderr. */
export function withProgress(reader: TableReader, io: CommandIo): TableReader {
  if (!wantsProgress(io)) return reader;
  return {
    async list(table: string, options: ListOptions): Promise<Row[]> {
      const started = Date.now();
      const rows = await reader.list(table, options);
      io.stderr.write(`  read ${table}: ${rows.length} rows in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
      return rows;
    },
  };
}
