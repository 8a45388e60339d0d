import type { ResolvedTable } from '../dictionary/index.js';
import type { Instance } from '../instance.js';
import { compileQuery, type Condition, type FieldType, type ParsedQuery } from '../encoded-query/index.js';
import type { Row } from '../store.js';
import { rowsWithPrefix } from '../value-order.js';

/** Operators that never match an empty value (so never a row whose reference is empty or dangling). */
const SELECTIVE = new Set(['=', 'IN', 'STARTSWITH']);

/**
 * The rows that can match a query, found the way a real instance's database finds them: an
 * AND term of a one-block query whose conditions are all on an indexed field (`user_nameIN…`,
 * `user_nameSTARTSWITHsvc_`) is answered from that index, and a dot-walked one
 * (`user.user_nameSTARTSWITHsvc_`) from the referenced table and the index on the reference,
 * not by following the reference of every row. The full query is still evaluated on each
 * candidate; this only spares the rows that cannot match, so reading the service accounts'
 * rows does not cost a pass over every person's. Undefined when no term allows it (scan everything).
 */
export function referenceCandidates(instance: Instance, table: ResolvedTable, parsed: ParsedQuery, typeOf: (path: string) => FieldType | undefined): Row[] | undefined {
  if (parsed.blocks.length !== 1) return undefined;
  for (const term of parsed.blocks[0] ?? []) {
    if (term.length === 0 || !term.every((condition) => selective(condition, typeOf))) continue;
    const parts = term.map((condition) => (condition.field.includes('.') ? joined(instance, table, condition) : indexed(instance, table, condition)));
    if (parts.some((part) => part === undefined)) continue;
    return parts.length === 1 ? (parts[0] ?? []) : [...new Set(parts.flatMap((part) => part ?? []))];
  }
  return undefined;
}

/** A string condition that never matches an empty value: one the database can answer from an index. */
function selective(condition: Condition, typeOf: (path: string) => FieldType | undefined): boolean {
  if (!SELECTIVE.has(condition.operator)) return false;
  const type = typeOf(condition.field);
  if (type === undefined || type === 'boolean' || type === 'integer' || type === 'decimal') return false;
  return valuesOf(condition).every((value) => value !== '');
}

const valuesOf = (condition: Condition) => (condition.operator === 'IN' ? condition.value.split(',').map((v) => v.trim()) : [condition.value]);

/** Rows of the table's family matching a condition on a plain field, from its index; undefined when it has none. */
function indexed(instance: Instance, table: ResolvedTable, condition: Condition): Row[] | undefined {
  const { store } = instance;
  if (!table.family.every((member) => store.isIndexed(member, condition.field))) return undefined;
  if (condition.operator === 'STARTSWITH') return rowsWithPrefix(store, table.def.name, condition.field, condition.value);
  const values = [...new Set(valuesOf(condition).map((v) => v.toLowerCase()))];
  return values.flatMap((value) => table.family.flatMap((member) => store.lookup(member, condition.field, value)));
}

/** Rows whose reference points at a target row matching the dot-walked condition; undefined when it cannot be joined. */
function joined(instance: Instance, table: ResolvedTable, condition: Condition): Row[] | undefined {
  const [head = '', path = '', ...rest] = condition.field.split('.');
  const field = table.fields.get(head);
  if (rest.length > 0 || field?.type !== 'reference' || !field.reference || field.hidden) return undefined;
  const target = instance.store.table(field.reference);
  const onTarget = { ...condition, field: path };
  let targets = indexed(instance, target, onTarget);
  if (targets === undefined) {
    const test = compileQuery<Row>({ blocks: [[[onTarget]]], orderBy: [], invalidTerms: [] }, { typeOf: (name) => target.fields.get(name)?.type as FieldType | undefined });
    const valueOf = (row: Row, name: string) => row.values[name] ?? '';
    targets = [...instance.store.scan(field.reference)].filter((row) => test.matches(row, { valueOf }));
  }
  const rows: Row[] = [];
  for (const targetRow of targets) for (const member of table.family) rows.push(...instance.store.lookup(member, head, targetRow.values['sys_id'] ?? ''));
  return rows;
}
