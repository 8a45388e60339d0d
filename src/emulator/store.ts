import { DICTIONARY, type ResolvedTable } from './dictionary/index.js';

/**
 * A stored record: every value in ServiceNow's internal string form ('' when empty, booleans
 * 'true'/'false', references as the target sys_id, dates 'YYYY-MM-DD HH:MM:SS' UTC).
 * Null-prototype objects, so a field called __proto__ is just a string.
 */
export type Values = Record<string, string>;

export interface Row {
  /** The concrete table (class) the row was inserted into. */
  readonly table: string;
  readonly values: Values;
}

export function emptyValues(): Values {
  return Object.create(null) as Values;
}

/**
 * In-memory tables with secondary indexes on every reference and unique field, so business
 * rules (role inheritance) and natural-key lookups stay fast on the scale seeds.
 */
export class Store {
  private readonly rows = new Map<string, Map<string, Row>>();
  private readonly indexes = new Map<string, Map<string, Map<string, Set<string>>>>();
  /** Counts every change, so persistence can tell whether there is anything new to save. */
  revision = 0;
  /** Changes per table, so what is derived from one table outlives writes to others. */
  private readonly tableRevisions = new Map<string, number>();
  /** Inserts and removals per table (not updates): what changes which rows a table holds. */
  private readonly tableShapes = new Map<string, number>();
  /** Updates per table and field (`table.field`): what a dot-walk through that field depends on. */
  private readonly fieldRevisions = new Map<string, number>();

  constructor() {
    for (const name of DICTIONARY.keys()) {
      this.rows.set(name, new Map());
      this.indexes.set(name, new Map());
    }
  }

  table(name: string): ResolvedTable {
    const table = DICTIONARY.get(name);
    if (!table) throw new Error(`no table ${name} in the emulator's dictionary`);
    return table;
  }

  tableOrUndefined(name: string): ResolvedTable | undefined {
    return DICTIONARY.get(name);
  }

  /** Rows of a table and of every table extending it, in insertion order per class. */
  *scan(name: string): Iterable<Row> {
    for (const member of this.table(name).family) yield* this.rowsOf(member).values();
  }

  /** Moves whenever a row of this table or of a table extending it changes. */
  familyRevision(name: string): number {
    let total = 0;
    for (const member of this.table(name).family) total += this.tableRevisions.get(member) ?? 0;
    return total;
  }

  /** Moves whenever a row is added to or removed from this table or a table extending it (not on updates). */
  familyShape(name: string): number {
    let total = 0;
    for (const member of this.table(name).family) total += this.tableShapes.get(member) ?? 0;
    return total;
  }

  /** Moves whenever `field` of a row of this table or of a table extending it is updated. */
  fieldRevision(name: string, field: string): number {
    let total = 0;
    for (const member of this.table(name).family) total += this.fieldRevisions.get(`${member}.${field}`) ?? 0;
    return total;
  }

  count(name: string): number {
    let total = 0;
    for (const member of this.table(name).family) total += this.rowsOf(member).size;
    return total;
  }

  get(name: string, sysId: string): Row | undefined {
    for (const member of this.table(name).family) {
      const row = this.rowsOf(member).get(sysId);
      if (row) return row;
    }
    return undefined;
  }

  /** Rows of exactly this table whose `field` equals `value`, case-insensitively (indexed when it can). */
  lookup(name: string, field: string, value: string): readonly Row[] {
    if (!this.indexedFields(name).includes(field)) {
      const key = indexKey(value);
      return [...this.rowsOf(name).values()].filter((row) => indexKey(row.values[field] ?? '') === key);
    }
    const ids = this.indexes.get(name)?.get(field)?.get(indexKey(value));
    if (!ids) return [];
    const rows = this.rowsOf(name);
    return [...ids].map((id) => rows.get(id)).filter((r): r is Row => r !== undefined);
  }

  /** Whether `field` of exactly this table is indexed (references and unique fields are). */
  isIndexed(name: string, field: string): boolean {
    return this.indexedFields(name).includes(field);
  }

  put(row: Row): void {
    const sysId = row.values['sys_id'];
    if (!sysId) throw new Error('a stored row needs a sys_id');
    const previous = this.rowsOf(row.table).get(sysId);
    this.changed(row.table, previous === undefined);
    if (previous) {
      this.unindex(previous);
      for (const field of new Set([...Object.keys(previous.values), ...Object.keys(row.values)])) {
        if (previous.values[field] !== row.values[field]) this.fieldRevisions.set(`${row.table}.${field}`, (this.fieldRevisions.get(`${row.table}.${field}`) ?? 0) + 1);
      }
    }
    this.rowsOf(row.table).set(sysId, row);
    this.index(row);
  }

  remove(row: Row): void {
    const sysId = row.values['sys_id'] ?? '';
    this.changed(row.table, true);
    this.unindex(row);
    this.rowsOf(row.table).delete(sysId);
  }

  clear(): void {
    this.revision += 1;
    for (const name of this.rows.keys()) this.tableRevisions.set(name, (this.tableRevisions.get(name) ?? 0) + 1);
    for (const name of this.rows.keys()) this.tableShapes.set(name, (this.tableShapes.get(name) ?? 0) + 1);
    for (const map of this.rows.values()) map.clear();
    for (const map of this.indexes.values()) map.clear();
  }

  private changed(table: string, reshaped: boolean): void {
    this.revision += 1;
    this.tableRevisions.set(table, (this.tableRevisions.get(table) ?? 0) + 1);
    if (reshaped) this.tableShapes.set(table, (this.tableShapes.get(table) ?? 0) + 1);
  }

  private rowsOf(name: string): Map<string, Row> {
    const rows = this.rows.get(name);
    if (!rows) throw new Error(`no table ${name} in the emulator's dictionary`);
    return rows;
  }

  private readonly indexed = new Map<string, string[]>();

  private indexedFields(name: string): string[] {
    let fields = this.indexed.get(name);
    if (!fields) {
      const table = this.table(name);
      const unique = table.def.unique ?? [];
      fields = [...table.fields.values()].filter((f) => f.type === 'reference' || unique.includes(f.name)).map((f) => f.name);
      this.indexed.set(name, fields);
    }
    return fields;
  }

  private index(row: Row): void {
    const byField = this.indexes.get(row.table);
    if (!byField) return;
    for (const field of this.indexedFields(row.table)) {
      const value = row.values[field] ?? '';
      let byValue = byField.get(field);
      if (!byValue) byField.set(field, (byValue = new Map()));
      let ids = byValue.get(indexKey(value));
      if (!ids) byValue.set(indexKey(value), (ids = new Set()));
      ids.add(row.values['sys_id'] ?? '');
    }
  }

  private unindex(row: Row): void {
    const byField = this.indexes.get(row.table);
    if (!byField) return;
    for (const field of this.indexedFields(row.table)) {
      byField.get(field)?.get(indexKey(row.values[field] ?? ''))?.delete(row.values['sys_id'] ?? '');
    }
  }
}

/** Natural keys are matched case-insensitively, as ServiceNow's string equality is. */
function indexKey(value: string): string {
  return value.toLowerCase();
}
