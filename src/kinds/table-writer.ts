import type { Row, TableReader } from './table-reader.js';

/**
 * The write half of the Table API as the applier needs it; src/servicenow/ satisfies it.
 * `unknown` means the request may or may not have committed (timeout, reset, 5xx, 202): the
 * caller must read back before trying again. Definite failures throw.
 */
export type WriteResult = { readonly outcome: 'ok'; readonly row?: Row } | { readonly outcome: 'unknown'; readonly error: Error };

export interface TableWriter extends TableReader {
  create(table: string, values: Record<string, string>): Promise<WriteResult>;
  update(table: string, sysId: string, values: Record<string, string>): Promise<WriteResult>;
  remove(table: string, sysId: string): Promise<WriteResult>;
}
