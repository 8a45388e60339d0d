import { SYSTEM, type Actor } from './actor.js';
import { Clock } from './clock.js';
import type { ResolvedTable } from './dictionary/index.js';
import { errors, InstanceError } from './errors.js';
import { randomSysId, SYS_ID, type SysIdGenerator } from './ids.js';
import { businessRules, type RuleEvent } from './rules/index.js';
import { DEFAULT_SETTINGS, type InstanceSettings } from './settings.js';
import { emptyValues, Store, type Row, type Values } from './store.js';

export interface InstanceOptions {
  readonly clock?: Clock;
  readonly newSysId?: SysIdGenerator;
  readonly settings?: Partial<InstanceSettings>;
}

export interface WriteOptions {
  /** false = setWorkflow(false)+autoSysFields(false): no sys_* updates, no audit, no rules. */
  readonly autoSysFields?: boolean;
}

/**
 * The emulated instance's data engine: every write goes through here, so system fields, business
 * rules (role inheritance, grant guards) and auditing apply the same way whether the write came
 * from the Table API, the Batch API, a seed or another rule. Access control (ACLs) is the caller's
 * job (see acl.ts): the platform's own writes are not subject to ACLs.
 */
export class Instance {
  readonly store = new Store();
  readonly clock: Clock;
  settings: InstanceSettings;
  private newSysId: SysIdGenerator;

  constructor(options: InstanceOptions = {}) {
    this.clock = options.clock ?? new Clock();
    this.newSysId = options.newSysId ?? randomSysId;
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
  }

  /** Swap the id generator (seeds use a reproducible one, then hand back a random one). */
  useSysIds(generator: SysIdGenerator): void {
    this.newSysId = generator;
  }

  table(name: string): ResolvedTable {
    return this.store.table(name);
  }

  get(table: string, sysId: string): Row | undefined {
    return this.store.get(table, sysId);
  }

  /** First row of exactly `table` whose indexed field equals `value` (case-insensitive). */
  findBy(table: string, field: string, value: string): Row | undefined {
    return this.store.lookup(table, field, value)[0];
  }

  insert(table: string, input: Values, actor: Actor = SYSTEM): Row {
    const resolved = this.table(table);
    const values = emptyValues();
    for (const field of resolved.fields.values()) values[field.name] = field.default ?? '';
    for (const [name, value] of Object.entries(input)) {
      const field = resolved.fields.get(name);
      if (!field || (field.readOnly && !actor.system && name !== 'sys_id')) continue;
      values[name] = value;
    }
    const requested = input['sys_id'];
    values['sys_id'] = requested && SYS_ID.test(requested) ? requested : this.newSysId();
    if (this.store.get(table, values['sys_id'])) throw errors.uniqueViolation(table, values['sys_id']);
    if (resolved.fields.has('sys_class_name')) values['sys_class_name'] = table;
    const now = this.clock.glideDateTime();
    Object.assign(values, {
      sys_created_on: now,
      sys_created_by: actor.userName,
      sys_updated_on: now,
      sys_updated_by: actor.userName,
      sys_mod_count: '0',
    });
    const event: RuleEvent = { instance: this, table, operation: 'insert', current: values, previous: undefined, actor };
    this.runRules('before', event);
    this.checkUnique(resolved, values);
    const row: Row = { table, values };
    this.store.put(row);
    if (this.settings.auditInserts && resolved.def.audited) this.audit(row, emptyValues(), actor);
    this.runRules('after', event);
    return row;
  }

  update(table: string, sysId: string, input: Values, actor: Actor = SYSTEM, options: WriteOptions = {}): Row {
    const existing = this.store.get(table, sysId);
    if (!existing) throw errors.noRecord();
    const resolved = this.table(existing.table);
    const values = Object.assign(emptyValues(), existing.values);
    for (const [name, value] of Object.entries(input)) {
      const field = resolved.fields.get(name);
      if (!field || (field.readOnly && !actor.system)) continue;
      values[name] = value;
    }
    const previous = existing.values;
    if (options.autoSysFields === false) {
      const row: Row = { table: existing.table, values };
      this.store.put(row);
      return row;
    }
    const event: RuleEvent = { instance: this, table: existing.table, operation: 'update', current: values, previous, actor };
    this.runRules('before', event);
    if (!changedFields(previous, values).length) return existing;
    this.checkUnique(resolved, values);
    Object.assign(values, {
      sys_updated_on: this.clock.glideDateTime(),
      sys_updated_by: actor.userName,
      sys_mod_count: String(Number(previous['sys_mod_count'] ?? '0') + 1),
    });
    const row: Row = { table: existing.table, values };
    this.store.put(row);
    if (resolved.def.audited) this.audit(row, previous, actor);
    this.runRules('after', event);
    return row;
  }

  delete(table: string, sysId: string, actor: Actor = SYSTEM): void {
    const existing = this.store.get(table, sysId);
    if (!existing) throw errors.noRecord();
    const event: RuleEvent = {
      instance: this,
      table: existing.table,
      operation: 'delete',
      current: existing.values,
      previous: existing.values,
      actor,
    };
    this.runRules('before', event);
    this.store.remove(existing);
    if (this.table(existing.table).def.audited) this.auditDelete(existing, actor);
    this.runRules('after', event);
  }

  private runRules(when: 'before' | 'after', event: RuleEvent): void {
    for (const rule of businessRules) {
      if (rule.when === when && rule.tables.includes(event.table) && rule.operations.includes(event.operation)) {
        rule.run(event);
      }
    }
  }

  private checkUnique(table: ResolvedTable, values: Values): void {
    for (const field of table.def.unique ?? []) {
      const value = values[field] ?? '';
      if (!value) continue;
      const clash = this.store.lookup(table.def.name, field, value).find((r) => r.values['sys_id'] !== values['sys_id']);
      if (clash) throw errors.uniqueViolation(table.def.name, value);
    }
  }

  /** One sys_audit row per changed field, as the platform's auditing does; secrets are never copied into it. */
  private audit(row: Row, previous: Values, actor: Actor): void {
    const fields = this.table(row.table).fields;
    for (const field of changedFields(previous, row.values)) {
      const secret = fields.get(field)?.hidden === true;
      this.insertAudit(row, field, secret ? '' : previous[field] ?? '', secret ? '' : row.values[field] ?? '', actor);
    }
  }

  private auditDelete(row: Row, actor: Actor): void {
    this.insertAudit(row, 'DELETED', '', '', actor);
  }

  private insertAudit(row: Row, fieldname: string, oldvalue: string, newvalue: string, actor: Actor): void {
    const values = emptyValues();
    Object.assign(values, {
      documentkey: row.values['sys_id'] ?? '',
      tablename: row.table,
      fieldname,
      oldvalue,
      newvalue,
      user: actor.userName,
      record_checkpoint: row.values['sys_mod_count'] ?? '0',
    });
    this.insert('sys_audit', values, { ...SYSTEM, userName: actor.userName });
  }
}

/** Fields whose value differs, ignoring the system fields the engine maintains itself. */
export function changedFields(previous: Values, current: Values): string[] {
  return Object.keys(current).filter(
    (name) => !name.startsWith('sys_') && (previous[name] ?? '') !== (current[name] ?? ''),
  );
}

export { InstanceError };
