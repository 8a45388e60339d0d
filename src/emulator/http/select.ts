import type { ResolvedTable } from '../dictionary/index.js';
import type { Emulator } from '../emulator.js';
import { errors } from '../errors.js';
import { compileQuery, parseEncodedQuery, QueryError, type FieldType } from '../encoded-query/index.js';
import type { Row } from '../store.js';
import { resolvePath } from './serialize.js';

/**
 * Rows of a table (and the tables extending it) matching an encoded query, in query order.
 * Unknown fields follow the instance's setting: ignored (default), no rows, or 403.
 * Scripted values (javascript:) are refused with 400: the emulator runs no server-side script.
 */
export function selectRows(emulator: Emulator, table: ResolvedTable, query: string): Row[] {
  const { instance } = emulator;
  let parsed;
  try {
    parsed = parseEncodedQuery(query);
  } catch (error) {
    if (error instanceof QueryError) throw errors.badRequest('Invalid query', error.message);
    throw error;
  }
  const compiled = compileQuery(parsed, {
    typeOf: (path: string): FieldType | undefined => {
      const [head, ...rest] = path.split('.');
      const field = table.fields.get(head ?? '');
      if (!field || field.hidden) return undefined;
      if (!rest.length) return field.type as FieldType;
      if (field.type !== 'reference' || !field.reference || rest.length !== 1) return undefined;
      const target = instance.store.tableOrUndefined(field.reference)?.fields.get(rest[0] ?? '');
      return target && !target.hidden ? (target.type as FieldType) : undefined;
    },
  });
  if (compiled.unknownFields.length) {
    if (instance.settings.invalidQuery === 'no-rows') return [];
    if (instance.settings.invalidQuery === 'forbid') throw errors.queryNotPermitted();
  }
  const access = { valueOf: (row: Row, path: string) => resolvePath(instance, table, row, path)?.value ?? '' };
  const rows: Row[] = [];
  for (const row of instance.store.scan(table.def.name)) if (compiled.matches(row, access)) rows.push(row);
  return compiled.ordered ? rows.sort((a, b) => compiled.compare(a, b, access)) : rows;
}
