import { AUTHENTICATION_METHODS, type AccountField, type AuthenticationMethod, type DesiredServiceAccount } from './desired.js';
import { naturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';
import { DeclarationReader, optional, put, type DeclarationSource } from './declaration.js';
import type { Outline } from './outline.js';

/** An exemption from a rule (`interactive:`, `privileged:`), with the reason for it. */
interface Exemption {
  readonly reason: string;
}

/** A ServiceAccount document as schemas/service-account.schema.json describes it. */
export interface ServiceAccountDocument {
  readonly kind: 'ServiceAccount';
  readonly user_name: string;
  readonly name?: string;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly email?: string;
  readonly owner?: string;
  readonly purpose?: string;
  readonly authentication?: AuthenticationMethod;
  readonly web_service_access_only?: boolean;
  readonly internal_integration_user?: boolean;
  readonly active?: boolean;
  readonly locked_out?: boolean;
  readonly password_needs_reset?: boolean;
  readonly groups?: readonly string[];
  readonly roles?: readonly string[];
  readonly instances?: readonly string[];
  readonly expires?: string;
  readonly interactive?: Exemption;
  readonly privileged?: Exemption;
}

const EXEMPTION: Outline<Exemption> = { properties: { reason: 'string' } };

export const SERVICE_ACCOUNT_OUTLINE: Outline<ServiceAccountDocument> = {
  properties: {
    kind: { enum: ['ServiceAccount'] },
    user_name: 'string',
    name: { optional: 'string' },
    first_name: { optional: 'string' },
    last_name: { optional: 'string' },
    email: { optional: 'string' },
    owner: { optional: 'string' },
    purpose: { optional: 'string' },
    authentication: { optional: { enum: AUTHENTICATION_METHODS } },
    web_service_access_only: { optional: 'boolean' },
    internal_integration_user: { optional: 'boolean' },
    active: { optional: 'boolean' },
    locked_out: { optional: 'boolean' },
    password_needs_reset: { optional: 'boolean' },
    groups: { optional: { items: 'string' } },
    roles: { optional: { items: 'string' } },
    instances: { optional: { items: 'string' } },
    expires: { optional: 'string' },
    interactive: { optional: EXEMPTION },
    privileged: { optional: EXEMPTION },
  },
};

/** An exemption's reason (`interactive:` or `privileged:`), with its place. */
function reason(read: DeclarationReader<ServiceAccountDocument>, field: 'interactive' | 'privileged'): Declared<string> | undefined {
  const exemption = read.data[field];
  return exemption === undefined ? undefined : { value: exemption.reason, at: read.at(`/${field}/reason`) };
}

/** A ServiceAccount document: the two defaults a service account needs point at the account. */
export function buildServiceAccount(source: DeclarationSource<ServiceAccountDocument>): DesiredServiceAccount {
  const read = new DeclarationReader(source);
  const at = read.at('/user_name');
  const fields: Partial<Record<AccountField, Declared<Scalar>>> = {};
  const name = read.value('name');
  if (name) {
    fields.first_name = name;
    fields.last_name = { value: '', at: name.at };
  }
  put(fields, 'first_name', read.value('first_name'));
  put(fields, 'last_name', read.value('last_name'));
  put(fields, 'email', read.value('email'));
  put(fields, 'manager', read.value('owner', naturalKey));
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
    key: naturalKey(read.data.user_name),
    at,
    fields,
    ...optional('groups', read.names('groups')),
    ...optional('roles', read.names('roles')),
    ...optional('purpose', read.value('purpose')),
    ...optional('instances', read.names('instances', (name) => name)),
    ...optional('expires', read.value('expires')),
    ...optional('interactiveReason', reason(read, 'interactive')),
    ...optional('privilegedReason', reason(read, 'privileged')),
    ...optional('authentication', read.value('authentication')),
  };
}
