import type { Credentials } from './credentials.js';
import { ServiceNowError } from './errors.js';
import type { Caller } from './explain.js';
import { parseJsonObject } from './json-object.js';

/** Signs requests. One per TableApi, shared by all its sessions. */
export interface Authenticator {
  readonly caller: Omit<Caller, 'host'>;
  /** The Authorization header value for the next request. */
  authorization(): Promise<string>;
  /**
   * The instance answered 401 to a request signed with `header`. Returns true when signing
   * again can help (an OAuth token the instance no longer accepts is dropped and replaced).
   */
  rejected(header: string): boolean;
  /** Every secret value seen so far, for redacting text that came from outside. */
  secrets(): readonly string[];
}

/** A successful token endpoint answer. */
export interface Token {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** Posts a form to /oauth_token.do and returns the token, or throws a ServiceNowError. */
export type TokenEndpoint = (form: Readonly<Record<string, string>>, grant: string) => Promise<Token>;

/** Parse `{"access_token","refresh_token","expires_in",...}`; undefined if it is not one. */
export function parseToken(body: string, now: number): Token | undefined {
  const parsed = parseJsonObject(body);
  if (parsed === undefined) return undefined;
  const { access_token: access, refresh_token: refresh, expires_in: expires } = parsed;
  if (typeof access !== 'string' || access === '') return undefined;
  const seconds = Number(expires);
  const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds : 1800;
  return { accessToken: access, expiresAt: now + lifetime * 1000, ...(typeof refresh === 'string' && refresh ? { refreshToken: refresh } : {}) };
}

function basicAuthenticator(credentials: Extract<Credentials, { type: 'basic' }>): Authenticator {
  const encoded = Buffer.from(`${credentials.username}:${credentials.password.reveal()}`).toString('base64');
  const header = `Basic ${encoded}`;
  return {
    caller: { identity: credentials.username, source: credentials.source, scheme: 'basic' },
    authorization: () => Promise.resolve(header),
    rejected: () => false,
    secrets: () => [credentials.password.reveal(), encoded],
  };
}

/** Renew a token this long before it expires: a minute, or half its life if that is shorter. */
function renewAt(token: Token, issuedAt: number): number {
  const margin = Math.min(60_000, (token.expiresAt - issuedAt) / 2);
  return token.expiresAt - margin;
}

/**
 * OAuth 2.0 against /oauth_token.do. The token is reused until shortly before it expires,
 * then renewed with the refresh_token grant when there is a refresh token (the password
 * grant gives one, client_credentials does not), else by a new grant. Concurrent callers
 * share one token request.
 */
function oauthAuthenticator(credentials: Extract<Credentials, { type: 'oauth' }>, endpoint: TokenEndpoint, now: () => number): Authenticator {
  const seen = new Set<string>([credentials.clientSecret.reveal()]);
  if (credentials.grant === 'password') seen.add(credentials.password.reveal());
  let current: { token: Token; renewAt: number } | undefined;
  let pending: Promise<Token> | undefined;

  const client = { client_id: credentials.clientId, client_secret: credentials.clientSecret.reveal() };
  const grantForm = (): Record<string, string> =>
    credentials.grant === 'password'
      ? { grant_type: 'password', ...client, username: credentials.username, password: credentials.password.reveal() }
      : { grant_type: 'client_credentials', ...client };

  const keep = (token: Token, issuedAt: number): Token => {
    seen.add(token.accessToken);
    if (token.refreshToken) seen.add(token.refreshToken);
    current = { token, renewAt: renewAt(token, issuedAt) };
    return token;
  };

  const obtain = async (): Promise<Token> => {
    const refreshToken = current?.token.refreshToken;
    if (refreshToken) {
      const issuedAt = now();
      try {
        const token = await endpoint({ grant_type: 'refresh_token', ...client, refresh_token: refreshToken }, 'refresh_token');
        return keep({ ...token, refreshToken: token.refreshToken ?? refreshToken }, issuedAt);
      } catch (error) {
        if (!(error instanceof ServiceNowError) || error.code !== 'servicenow-oauth-denied') throw error;
      }
    }
    const issuedAt = now();
    return keep(await endpoint(grantForm(), credentials.grant), issuedAt);
  };

  return {
    caller: {
      identity: credentials.grant === 'password' ? credentials.username : "the OAuth client's application user",
      source: credentials.source,
      scheme: credentials.grant === 'password' ? 'oauth-password' : 'oauth-client-credentials',
    },
    async authorization() {
      if (current && now() < current.renewAt) return `Bearer ${current.token.accessToken}`;
      pending ??= obtain().finally(() => {
        pending = undefined;
      });
      return `Bearer ${(await pending).accessToken}`;
    },
    rejected(header) {
      if (!current || header !== `Bearer ${current.token.accessToken}`) return Boolean(current);
      current = { token: current.token, renewAt: Number.NEGATIVE_INFINITY };
      return true;
    },
    secrets: () => [...seen],
  };
}

export function createAuthenticator(credentials: Credentials, endpoint: TokenEndpoint, now: () => number): Authenticator {
  return credentials.type === 'basic' ? basicAuthenticator(credentials) : oauthAuthenticator(credentials, endpoint, now);
}
