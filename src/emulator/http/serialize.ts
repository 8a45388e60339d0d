import type { FieldDef, ResolvedTable } from '../dictionary/index.js';
import type { Instance } from '../instance.js';
import type { Row } from '../store.js';
import type { DisplayMode } from './params.js';

export interface SerializeOptions {
  readonly display: DisplayMode;
  readonly excludeReferenceLink: boolean;
  /** e.g. `http://127.0.0.1:8080/api/now/v2/` : reference links repeat the request's version. */
  readonly linkBase: string;
  readonly fields: readonly string[] | undefined;
  /** Field-level read ACL on a field or dot-walk path: one the caller may not read is left out. */
  readonly readable?: (field: string) => boolean;
}

type Json = string | { display_value?: string; value?: string; link?: string };

/**
 * A record as the Table API returns it: every scalar a string, references `{link, value}` (or a
 * bare sys_id with exclude_reference_link), display values per sysparm_display_value, dot-walked
 * fields as flat keys. Hidden fields (password hashes) are never returned, nor fields a field-level
 * read ACL keeps from the caller.
 */
export function serializeRow(instance: Instance, table: ResolvedTable, row: Row, options: SerializeOptions): Record<string, Json> {
  const out: Record<string, Json> = {};
  const names = options.fields ?? [...table.fields.values()].filter((f) => !f.hidden).map((f) => f.name);
  for (const name of names) {
    const resolved = resolvePath(instance, table, row, name);
    if (!resolved || resolved.field.hidden) continue;
    if (options.readable && !options.readable(name)) continue;
    out[name] = encode(instance, resolved.field, resolved.value, options);
  }
  return out;
}

interface Resolved {
  readonly field: FieldDef;
  readonly value: string;
}

/** A field or a one-level dot-walk (`manager.user_name`) to its definition and stored value. */
export function resolvePath(instance: Instance, table: ResolvedTable, row: Row, path: string): Resolved | undefined {
  // Runs for every row a page returns and every row a dot-walked query tests: the path is
  // looked up in the dictionary once per table, not per row.
  const plan = pathPlan(instance, table, path);
  if (plan === undefined) return undefined;
  const value = row.values[plan.field.name] ?? '';
  if (plan.walk === undefined) return { field: plan.field, value };
  const targetRow = value ? instance.get(plan.walk.table, value) : undefined;
  return { field: plan.walk.field, value: targetRow?.values[plan.walk.field.name] ?? '' };
}

interface PathPlan {
  readonly field: FieldDef;
  /** A dot-walk: the referenced table and its field. */
  readonly walk?: { readonly table: string; readonly field: FieldDef };
}

/** Per table (the dictionary does not change while the emulator runs), each path's plan; undefined for no such field. */
const plans = new WeakMap<ResolvedTable, Map<string, PathPlan | undefined>>();

function pathPlan(instance: Instance, table: ResolvedTable, path: string): PathPlan | undefined {
  let byPath = plans.get(table);
  if (byPath === undefined) plans.set(table, (byPath = new Map()));
  if (byPath.has(path)) return byPath.get(path);
  const plan = planPath(instance, table, path);
  byPath.set(path, plan);
  return plan;
}

function planPath(instance: Instance, table: ResolvedTable, path: string): PathPlan | undefined {
  const dot = path.indexOf('.');
  const field = table.fields.get(dot < 0 ? path : path.slice(0, dot));
  if (!field) return undefined;
  if (dot < 0) return { field };
  const rest = path.slice(dot + 1);
  if (field.type !== 'reference' || !field.reference || rest.includes('.')) return undefined;
  const target = instance.store.tableOrUndefined(field.reference);
  const targetField = target?.fields.get(rest);
  if (!target || !targetField) return undefined;
  return { field, walk: { table: field.reference, field: targetField } };
}

function displayOf(instance: Instance, field: FieldDef, value: string): string {
  if (!value) return '';
  switch (field.type) {
    case 'reference': {
      const targetTable = field.reference ? instance.store.tableOrUndefined(field.reference) : undefined;
      const target = targetTable ? instance.get(targetTable.def.name, value) : undefined;
      return target ? (target.values[targetTable?.def.displayField ?? 'name'] ?? '') : '';
    }
    case 'choice':
      return field.choices?.[value] ?? value;
    case 'glide_list':
      return field.reference ? value.split(',').map((id) => displayOf(instance, { ...field, type: 'reference' }, id)).join(', ') : value;
    default:
      return value;
  }
}

function encode(instance: Instance, field: FieldDef, value: string, options: SerializeOptions): Json {
  if (field.type === 'reference' && field.reference) {
    if (!value) return options.display === 'all' ? { display_value: '', value: '' } : '';
    const link = `${options.linkBase}table/${field.reference}/${value}`;
    const display = displayOf(instance, field, value);
    if (options.display === 'false') return options.excludeReferenceLink ? value : { link, value };
    if (options.display === 'true') return options.excludeReferenceLink ? display : { display_value: display, link };
    return options.excludeReferenceLink ? { display_value: display, value } : { display_value: display, link, value };
  }
  if (options.display === 'false') return value;
  const display = displayOf(instance, field, value);
  return options.display === 'true' ? display : { display_value: display, value };
}
