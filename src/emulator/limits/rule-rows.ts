import type { Instance } from '../instance.js';
import type { Values } from '../store.js';
import type { RateLimitRuleSpec } from './profile.js';

function sysIdOf(instance: Instance, table: string, field: string, value: string, rule: string): string {
  const row = instance.findBy(table, field, value);
  if (!row) throw new Error(`rate-limit rule "${rule}": no ${table} with ${field} "${value}" on this instance`);
  return row.values['sys_id'] ?? '';
}

/**
 * Write a profile's rate-limit rules into sys_rate_limit_rules, as an admin would, so they show up
 * in the Table API like any other rule. Users and roles are named; each must exist in the seed.
 * A rule whose name is already taken is left as it is, so applying a profile twice is harmless;
 * a rule naming a missing user or role stops the whole lot before any row is written.
 */
export function insertRuleRows(instance: Instance, specs: readonly RateLimitRuleSpec[]): void {
  const rows = specs.filter((spec) => !instance.findBy('sys_rate_limit_rules', 'name', spec.name)).map((spec) => rowOf(instance, spec));
  for (const values of rows) instance.insert('sys_rate_limit_rules', values);
}

/** The row of one rule; throws, before anything is written, when its user or role does not exist. */
function rowOf(instance: Instance, spec: RateLimitRuleSpec): Values {
  const values: Values = {
    name: spec.name,
    request_limit: String(spec.limit),
    apply_to: spec.applyTo,
    rest_api: spec.api ?? 'table',
    http_method: spec.method?.toUpperCase() ?? '',
    table_name: spec.table ?? '',
    active: 'true',
  };
  if (spec.applyTo === 'user') values['user'] = sysIdOf(instance, 'sys_user', 'user_name', spec.user ?? '', spec.name);
  if (spec.applyTo === 'role') values['role'] = sysIdOf(instance, 'sys_user_role', 'name', spec.role ?? '', spec.name);
  return values;
}
