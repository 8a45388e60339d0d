import { ANY, USER_ADMIN } from './access.js';
import type { DesiredServiceAccount, DesiredState } from './desired.js';
import type { OwnedField, RecordKind } from './kind.js';
import type { LiveRecord } from './live.js';
import { booleanOf, ownedValues, readColumns, recordOf, stringOf } from './row-fields.js';
import type { Row } from './table-reader.js';
import { SERVICE_ACCOUNT_OUTLINE, buildServiceAccount } from './service-account-declaration.js';

/** ServiceAccount ↔ sys_user. The owner is the `manager` reference, read as a user_name. */
const TABLE = 'sys_user';

/** Declared accounts that exist on this instance (an account may be limited to some instances). */
export function accountsOn(desired: DesiredState, instanceName: string | undefined): DesiredServiceAccount[] {
  return desired.records.ServiceAccount.filter(
    (a) => a.instances === undefined || instanceName === undefined || a.instances.some((i) => i.value === instanceName),
  );
}

/** The sys_user fields a ServiceAccount declaration owns. `manager` holds the owner's user_name. */
const FIELDS = [
  { name: 'first_name', type: 'string' },
  { name: 'last_name', type: 'string' },
  { name: 'email', type: 'string' },
  { name: 'manager', type: 'reference', references: 'user' },
  { name: 'web_service_access_only', type: 'boolean' },
  { name: 'identity_type', type: 'string' },
  { name: 'internal_integration_user', type: 'boolean' },
  { name: 'active', type: 'boolean' },
  { name: 'locked_out', type: 'boolean' },
  { name: 'password_needs_reset', type: 'boolean' },
] as const satisfies readonly OwnedField[];
export type AccountField = (typeof FIELDS)[number]['name'];

export const SERVICE_ACCOUNT: RecordKind<'ServiceAccount'> = {
  shape: 'record',
  name: 'ServiceAccount',
  human: 'service account',
  table: TABLE,
  keyField: 'user_name',
  fields: FIELDS,
  // Login bookkeeping, for dormancy and lock-out findings: read, never compared or written.
  readFields: readColumns('user_name', FIELDS, ['failed_attempts', 'last_login_time', 'sys_created_on']),
  live: (row: Row): LiveRecord =>
    recordOf(TABLE, row, 'user_name', {
      ...ownedValues(FIELDS, row),
      failed_attempts: Number(row['failed_attempts'] ?? '0') || 0,
      last_login_time: stringOf(row['last_login_time']),
      created_on: stringOf(row['sys_created_on']),
    }),
  phase: 4,
  write: 'create',
  createDefaults: { active: true },
  scoped: true,
  requirements: [
    { operation: 'read', purpose: 'service accounts and their owners', roles: ANY },
    { operation: 'create', purpose: 'create service accounts', roles: USER_ADMIN },
    { operation: 'write', purpose: 'update, lock and deactivate service accounts', roles: USER_ADMIN },
    { operation: 'delete', purpose: 'delete pruned accounts, with prune: delete', roles: USER_ADMIN, neededBy: (d) => d.config.prune === 'delete' },
  ],
  select: (selection) => selection.accounts('user_name'),
  declaration: { schema: 'service-account.schema.json', outline: SERVICE_ACCOUNT_OUTLINE, keyField: 'user_name', build: (source) => [buildServiceAccount(source)] },
  declared: (desired, instanceName) => accountsOn(desired, instanceName).map((a) => ({ key: a.key, name: a.key, at: a.at, fields: a.fields })),
};

/** People are read as owners only: who they are and whether they still work here. */
export const PERSON_TABLE = TABLE;
export const PERSON_READ_FIELDS = ['user_name', 'name', 'active', 'locked_out', 'web_service_access_only'] as const;

export function livePerson(row: Row): LiveRecord {
  return recordOf(TABLE, row, 'user_name', {
    name: stringOf(row['name']),
    active: booleanOf(row['active']),
    locked_out: booleanOf(row['locked_out']),
    web_service_access_only: booleanOf(row['web_service_access_only']),
  });
}
