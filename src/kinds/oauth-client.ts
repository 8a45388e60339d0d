import type { DesiredOAuthClient, DesiredState } from './desired.js';
import type { OwnedField, RecordKind } from './kind.js';
import { inQueries } from './query.js';
import { ownedValues, readColumns, recordOf, stringOf } from './row-fields.js';
import { accountsOn } from './service-account.js';
import { OAUTH_CLIENT_OUTLINE, buildOAuthClient } from './oauth-client-declaration.js';

/**
 * OAuthClient ↔ oauth_entity (type client), keyed by name: an inbound OAuth application whose
 * tokens act as a service account (its OAuth Application User). The client secret is generated
 * by the instance; snac never reads, stores, plans or prints it: it is not a field here, and the
 * create sends none. Only declared clients are read here; every active client bound to a user
 * is read with the dependents (src/impact/), for blast radius and audit.
 */
const TABLE = 'oauth_entity';

/**
 * The "OAuth Application User" column. ServiceNow documents the field by its label only; the
 * column name is inferred.
 */
export const OAUTH_APPLICATION_USER = 'application_user' as const;

/** The instance property that enables the client_credentials grant (off when absent). */
export const CLIENT_CREDENTIALS_PROPERTY = 'glide.oauth.inbound.client.credential.grant_type.enabled';

/** Only OAuth clients: the same table holds the instance's outbound OAuth providers. */
export const OAUTH_CLIENT_QUERY = 'type=client';

const OAUTH_ADMIN = ['oauth_admin'];
const hasOAuthClients = (desired: DesiredState) => desired.records.OAuthClient.length > 0;

/** Declared clients on this instance: a client exists where the account it acts as exists. */
export function oauthClientsOn(desired: DesiredState, instanceName: string | undefined): DesiredOAuthClient[] {
  const accounts = new Set(accountsOn(desired, instanceName).map((a) => a.key));
  return desired.records.OAuthClient.filter((c) => accounts.has(c.account.value));
}

/** `application_user` holds the account's user_name; `comments` the declared purpose. */
const FIELDS = [
  { name: OAUTH_APPLICATION_USER, type: 'reference', references: 'ServiceAccount' },
  { name: 'access_token_lifespan', type: 'number' },
  { name: 'refresh_token_lifespan', type: 'number' },
  { name: 'active', type: 'boolean' },
  { name: 'comments', type: 'string' },
] as const satisfies readonly OwnedField[];
export type OAuthClientField = (typeof FIELDS)[number]['name'];

export const OAUTH_CLIENT: RecordKind<'OAuthClient'> = {
  shape: 'record',
  name: 'OAuthClient',
  human: 'OAuth client',
  table: TABLE,
  keyField: 'name',
  fields: FIELDS,
  readFields: readColumns('name', FIELDS, ['type']),
  live: (row) => recordOf(TABLE, row, 'name', { name: stringOf(row['name']), ...ownedValues(FIELDS, row) }),
  // After the accounts whose tokens they act as.
  phase: 5,
  write: 'create',
  createDefaults: { active: true, access_token_lifespan: 1800, refresh_token_lifespan: 8_640_000 },
  createExtras: () => ({ type: 'client' }),
  afterCreate: 'the instance generates the client id and secret: an oauth_admin reads them under System OAuth > Application Registry (the lock icon shows the secret) and hands them to the integration; snac never reads or prints them',
  requirements: [
    { operation: 'read', purpose: 'OAuth clients, for plans, blast radius and audit', roles: OAUTH_ADMIN, setUp: true },
    { operation: 'create', purpose: 'create OAuth clients', roles: OAUTH_ADMIN, setUp: true, neededBy: hasOAuthClients },
    { operation: 'write', purpose: 'update and deactivate OAuth clients', roles: OAUTH_ADMIN, setUp: true, neededBy: hasOAuthClients },
  ],
  select: (selection) => inQueries('name', selection.declared).map((query) => `${query}^${OAUTH_CLIENT_QUERY}`),
  declaration: { schema: 'oauth-client.schema.json', outline: OAUTH_CLIENT_OUTLINE, keyField: 'name', build: (source) => [buildOAuthClient(source)] },
  readsProperties: (desired) => (desired.records.OAuthClient.some((c) => c.grantType.value === 'client_credentials') ? [CLIENT_CREDENTIALS_PROPERTY] : []),
  declared: (desired, instanceName) => oauthClientsOn(desired, instanceName).map((c) => ({ key: c.key, name: c.name, at: c.at, fields: c.fields })),
};

/** Queries for the OAuth clients acting as any of these accounts (user_names), for `snac import`. */
export function clientsOfAccountsQueries(accounts: Iterable<string>): string[] {
  return inQueries(`${OAUTH_APPLICATION_USER}.user_name`, accounts).map((query) => `${query}^${OAUTH_CLIENT_QUERY}`);
}
