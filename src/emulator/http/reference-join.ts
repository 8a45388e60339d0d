import type { ResolvedTable } from '../dictionary/index.js';
import type { Instance } from '../instance.js';
import { compileQuery, type Condition, type FieldType, type ParsedQuery } from '../encoded-query/index.js';
import type { Row } from '../store.js';

/** Operators that never match an empty value (so never a row whose reference is empty or dangling). */
const SELECTIVE = new Set(['=', 'IN', 'STARTSWITH']);

/**
 * The rows that can match a query, found the way a real instance's database finds them: a
 * dot-walked condition (`user.user_nameSTARTSWITHsvc_`) on an AND term of a one-block query
 * is answered from the referenced table and the index on the reference, not by following the
 * reference of every row. The full query is still evaluated on each candidate; this only
 * spares the rows that cannot match, so reading a table's service-account rows does not cost
 * a pass over every person's. Undefined when no condition allows it (scan everything).
 */
export function referenceCandidates(instance: Instance, table: ResolvedTable, parsed: ParsedQuery, typeOf: (path: string) => FieldType | undefined): Row[] | undefined {
  if (parsed.blocks.length !== 1) return undefined;
  const condition = parsed.blocks[0]?.find((term) => term.length === 1 && joinable(table, term[0], typeOf))?.[0];
  if (condition === undefined) return undefined;
  const [head = '', path = ''] = condition.field.split('.');
  const reference = table.fields.get(head)?.reference ?? '';
  const target = instance.store.table(reference);
  const test = compileQuery<Row>({ blocks: [[[{ ...condition, field: path }]]], orderBy: [], invalidTerms: [] }, { typeOf: (name) => target.fields.get(name)?.type as FieldType | undefined });
  const valueOf = (row: Row, name: string) => row.values[name] ?? '';
  const rows: Row[] = [];
  for (const targetRow of instance.store.scan(reference)) {
    if (!test.matches(targetRow, { valueOf })) continue;
    for (const member of table.family) rows.push(...instance.store.lookup(member, head, targetRow.values['sys_id'] ?? ''));
  }
  return rows;
}

function joinable(table: ResolvedTable, condition: Condition | undefined, typeOf: (path: string) => FieldType | undefined): boolean {
  if (condition === undefined || !SELECTIVE.has(condition.operator)) return false;
  const [head = '', path, ...rest] = condition.field.split('.');
  const field = table.fields.get(head);
  if (path === undefined || rest.length > 0 || field?.type !== 'reference' || !field.reference || field.hidden) return false;
  const type = typeOf(condition.field);
  if (type === undefined || type === 'boolean' || type === 'integer' || type === 'decimal') return false;
  return condition.value.split(',').every((value) => value.trim() !== '');
}
