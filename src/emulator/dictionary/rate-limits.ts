import { boolean, choice, integer, reference, string, type TableDef } from './types.js';

/**
 * Inbound REST API rate limit rules (System Web Services > REST > Rate Limit Rules). The form's
 * fields are documented (create-REST-API-rate-limits.md); `name`, `active` and `user` are column
 * names seen in a captured real response, the other column names are the emulator's, derived from
 * the form labels. The emulator matches a rule on REST API, HTTP method and table, where a real
 * rule names one "REST API resource" (e.g. `GET /now/v2/table/incident`).
 */
export const sysRateLimitRules: TableDef = {
  name: 'sys_rate_limit_rules',
  label: 'Rate Limit Rule',
  displayField: 'name',
  audited: true,
  unique: ['name'],
  fields: [
    string('name', { mandatory: true }),
    choice('rest_api', { table: 'Table API', batch: 'Batch API' }, 'table'),
    choice('http_method', { '': 'All methods', GET: 'GET', POST: 'POST', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE' }),
    string('table_name'),
    boolean('active', 'true'),
    integer('request_limit', { mandatory: true }),
    choice('apply_to', { user: 'Single user', role: 'Users with role', all: 'All users' }, 'all'),
    reference('role', 'sys_user_role'),
    reference('user', 'sys_user'),
  ],
};
