import type { LiveRecord } from '../model/live.js';
import { booleanOf, recordOf, referenceOf, stringOf } from './row-fields.js';
import type { Row } from './table-reader.js';

/** ServiceAccount ↔ sys_user. The owner is the `manager` reference, read as a user_name. */
export const SERVICE_ACCOUNT_TABLE = 'sys_user';

export const SERVICE_ACCOUNT_READ_FIELDS = [
  'user_name',
  'first_name',
  'last_name',
  'email',
  'manager.user_name',
  'web_service_access_only',
  'internal_integration_user',
  'active',
  'locked_out',
  'password_needs_reset',
  'failed_attempts',
  'last_login_time',
] as const;

export function liveServiceAccount(row: Row): LiveRecord {
  return recordOf(SERVICE_ACCOUNT_TABLE, row, 'user_name', {
    first_name: stringOf(row['first_name']),
    last_name: stringOf(row['last_name']),
    email: stringOf(row['email']),
    manager: referenceOf(row['manager.user_name']),
    web_service_access_only: booleanOf(row['web_service_access_only']),
    internal_integration_user: booleanOf(row['internal_integration_user']),
    active: booleanOf(row['active']),
    locked_out: booleanOf(row['locked_out']),
    password_needs_reset: booleanOf(row['password_needs_reset']),
    failed_attempts: Number(row['failed_attempts'] ?? '0') || 0,
    last_login_time: stringOf(row['last_login_time']),
  });
}

/** What snac needs to know about an owner: who they are and whether they still work here. */
export const PERSON_READ_FIELDS = ['user_name', 'name', 'active', 'locked_out', 'web_service_access_only'] as const;

export function livePerson(row: Row): LiveRecord {
  return recordOf(SERVICE_ACCOUNT_TABLE, row, 'user_name', {
    name: stringOf(row['name']),
    active: booleanOf(row['active']),
    locked_out: booleanOf(row['locked_out']),
    web_service_access_only: booleanOf(row['web_service_access_only']),
  });
}
