import { OAUTH_GRANT_TYPES, type DesiredOAuthClient, type OAuthClientField, type OAuthGrantType } from './desired.js';
import { naturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';
import { DeclarationReader, optional, put, type DeclarationSource } from './declaration.js';
import type { Outline } from './outline.js';

/** An OAuthClient document as schemas/oauth-client.schema.json describes it. */
export interface OAuthClientDocument {
  readonly kind: 'OAuthClient';
  readonly name: string;
  readonly account: string;
  readonly grant_type: OAuthGrantType;
  readonly purpose?: string;
  readonly access_token_lifespan?: number;
  readonly refresh_token_lifespan?: number;
  readonly active?: boolean;
}

export const OAUTH_CLIENT_OUTLINE: Outline<OAuthClientDocument> = {
  properties: {
    kind: { enum: ['OAuthClient'] },
    name: 'string',
    account: 'string',
    grant_type: { enum: OAUTH_GRANT_TYPES },
    purpose: { optional: 'string' },
    access_token_lifespan: { optional: 'number' },
    refresh_token_lifespan: { optional: 'number' },
    active: { optional: 'boolean' },
  },
};

/** An inbound OAuth client: the account becomes the OAuth Application User, the purpose its comments. */
export function buildOAuthClient(source: DeclarationSource<OAuthClientDocument>): DesiredOAuthClient {
  const read = new DeclarationReader(source);
  const name = read.data.name.trim();
  const account = read.value('account', naturalKey);
  const purpose = read.value('purpose');
  const fields: Partial<Record<OAuthClientField, Declared<Scalar>>> = { application_user: account };
  put(fields, 'access_token_lifespan', read.value('access_token_lifespan'));
  put(fields, 'refresh_token_lifespan', read.value('refresh_token_lifespan'));
  put(fields, 'active', read.value('active'));
  put(fields, 'comments', purpose);
  return {
    kind: 'OAuthClient',
    key: naturalKey(name),
    name,
    at: read.at('/name'),
    fields,
    account,
    grantType: read.value('grant_type'),
    ...optional('purpose', purpose),
  };
}
