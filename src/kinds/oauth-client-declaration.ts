import type { DesiredOAuthClient, OAuthClientField, OAuthGrantType } from './desired.js';
import { naturalKey, type NaturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';
import { DeclarationReader, optional, put, type DeclarationSource } from './declaration.js';

/** An inbound OAuth client: the account becomes the OAuth Application User, the purpose its comments. */
export function buildOAuthClient(source: DeclarationSource): DesiredOAuthClient {
  const read = new DeclarationReader(source);
  const name = (read.data['name'] as string).trim();
  const account = read.value<string>('account', naturalKey) as Declared<NaturalKey>;
  const purpose = read.value<string>('purpose') as Declared<string> | undefined;
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
    grantType: read.value<string>('grant_type') as Declared<OAuthGrantType>,
    ...optional('purpose', purpose),
  };
}
