import type { ResolvedTable } from '../dictionary/index.js';
import { errors } from '../errors.js';
import type { Instance } from '../instance.js';
import { SYS_ID } from '../ids.js';
import { hashPassword } from '../auth/passwords.js';
import { emptyValues, type Values } from '../store.js';

function asString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && 'value' in value) return asString((value as { value: unknown }).value);
  return JSON.stringify(value);
}

/**
 * A request body as stored values. JSON booleans and numbers become strings; unknown fields are
 * ignored (as the instance does); a reference given as a display value is resolved with
 * sysparm_input_display_value=true; a password given in clear text is hashed only then, as
 * setting one-way password fields needs input display values on a real instance.
 */
export function coerceBody(instance: Instance, table: ResolvedTable, body: unknown, inputDisplayValue: boolean): Values {
  const record = Array.isArray(body) ? body[0] : body;
  if (record === null || typeof record !== 'object') {
    throw errors.badRequest('Exception while reading request', 'The payload must be a JSON object.');
  }
  const values = emptyValues();
  for (const [name, raw] of Object.entries(record as Record<string, unknown>)) {
    const field = table.fields.get(name);
    if (!field) continue;
    let value = asString(raw);
    if (field.type === 'boolean') value = ['true', '1'].includes(value.toLowerCase()) ? 'true' : value === '' ? '' : 'false';
    if (field.type === 'password' && value) value = inputDisplayValue ? hashPassword(value) : value;
    if (field.type === 'reference' && field.reference && value && !SYS_ID.test(value) && inputDisplayValue) {
      const target = instance.store.tableOrUndefined(field.reference);
      const match = target ? instance.findBy(field.reference, target.def.displayField, value) : undefined;
      value = match?.values['sys_id'] ?? value;
    }
    values[name] = value;
  }
  return values;
}
