import type { AccountField, AuthenticationMethod, DesiredServiceAccount } from './desired.js';
import { naturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';
import { DeclarationReader, optional, put, type DeclarationSource } from './declaration.js';

/** An exemption's reason (`interactive:` or `privileged:`), with its place. */
function reason(read: DeclarationReader, field: 'interactive' | 'privileged'): Declared<string> | undefined {
  const exemption = read.data[field] as { reason: string } | undefined;
  return exemption === undefined ? undefined : { value: exemption.reason, at: read.at(`/${field}/reason`) };
}

/** A ServiceAccount document: the two defaults a service account needs point at the account. */
export function buildServiceAccount(source: DeclarationSource): DesiredServiceAccount {
  const read = new DeclarationReader(source);
  const at = read.at('/user_name');
  const fields: Partial<Record<AccountField, Declared<Scalar>>> = {};
  const name = read.value<string>('name');
  if (name) {
    fields.first_name = name;
    fields.last_name = { value: '', at: name.at };
  }
  put(fields, 'first_name', read.value('first_name'));
  put(fields, 'last_name', read.value('last_name'));
  put(fields, 'email', read.value('email'));
  put(fields, 'manager', read.value<string>('owner', naturalKey));
  // The two defaults (a service account cannot answer a reset prompt) point at the account.
  fields.web_service_access_only = read.value('web_service_access_only') ?? { value: true, at };
  // A service account is a machine identity (the Machine Identity Console counts it as one).
  // On the instance, Machine ticks web_service_access_only; an interactive account keeps its type.
  if (fields.web_service_access_only.value !== false) fields.identity_type = { value: 'machine', at };
  put(fields, 'internal_integration_user', read.value('internal_integration_user'));
  put(fields, 'active', read.value('active'));
  put(fields, 'locked_out', read.value('locked_out'));
  fields.password_needs_reset = read.value('password_needs_reset') ?? { value: false, at };
  return {
    kind: 'ServiceAccount',
    key: naturalKey(read.data['user_name'] as string),
    at,
    fields,
    ...optional('groups', read.names('groups')),
    ...optional('roles', read.names('roles')),
    ...optional('purpose', read.value<string>('purpose') as Declared<string> | undefined),
    ...optional('instances', read.names('instances', (name) => name)),
    ...optional('expires', read.value<string>('expires') as Declared<string> | undefined),
    ...optional('interactiveReason', reason(read, 'interactive')),
    ...optional('privilegedReason', reason(read, 'privileged')),
    ...optional('authentication', read.value<string>('authentication') as Declared<AuthenticationMethod> | undefined),
  };
}
