import { inspect } from 'node:util';
import { SnacError } from '../diagnostics.js';
import type { AuthConfig } from '../model/config.js';

/**
 * A secret value that prints as `[redacted]` through String(), JSON.stringify and
 * util.inspect, so a logged or serialised Credentials object never shows it. Only the
 * authenticator calls `reveal()`.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}

/**
 * How snac signs in. `source` names where the values came from (environment variable names,
 * never values), so a 401 can say which variables to check.
 */
export type Credentials =
  | { readonly type: 'basic'; readonly username: string; readonly password: Secret; readonly source: string }
  | {
      readonly type: 'oauth';
      readonly grant: 'password';
      readonly clientId: string;
      readonly clientSecret: Secret;
      readonly username: string;
      readonly password: Secret;
      readonly source: string;
    }
  | {
      readonly type: 'oauth';
      readonly grant: 'client_credentials';
      readonly clientId: string;
      readonly clientSecret: Secret;
      readonly source: string;
    };

export type Env = Readonly<Record<string, string | undefined>>;

/** The variables read by `connectionFromEnv` and `credentialsFromEnv`, for one-off use. */
export const ONE_OFF_ENV = {
  url: 'SNAC_INSTANCE_URL',
  username: 'SNAC_USERNAME',
  password: 'SNAC_PASSWORD',
  clientId: 'SNAC_CLIENT_ID',
  clientSecret: 'SNAC_CLIENT_SECRET',
} as const;

/** Reads named variables and reports every missing one at once (an empty value is missing). */
class EnvReader {
  private readonly missing: string[] = [];
  constructor(private readonly env: Env) {}

  take(name: string): string {
    const value = this.env[name];
    if (!value) this.missing.push(name);
    return value ?? '';
  }

  done(purpose: string): void {
    if (this.missing.length === 0) return;
    const names = this.missing.join(', ');
    const noun = this.missing.length === 1 ? 'environment variable' : 'environment variables';
    throw new SnacError(
      `${noun} ${names} ${this.missing.length === 1 ? 'is' : 'are'} not set (needed for ${purpose})`,
      'missing-credentials',
      `set ${names} in the environment snac runs in (in GitHub Actions, from the environment's secrets)`,
    );
  }
}

function sourceOf(...names: readonly string[]): string {
  return names.join(' / ');
}

/** Only snac's own variables may hold its credentials: never GITHUB_TOKEN or another job secret. */
export const CREDENTIAL_ENV_PREFIX = 'SNAC_';

function checkNames(auth: AuthConfig): void {
  const names = auth.type === 'basic' ? [auth.usernameEnv, auth.passwordEnv] : [auth.clientIdEnv, auth.clientSecretEnv, auth.usernameEnv, auth.passwordEnv];
  const foreign = names.filter((n): n is string => n !== undefined && !n.startsWith(CREDENTIAL_ENV_PREFIX));
  if (foreign.length > 0) {
    throw new SnacError(
      `the instance auth settings name ${foreign.join(', ')}: credentials are read only from variables whose names start with ${CREDENTIAL_ENV_PREFIX}`,
      'invalid-auth-config',
      `rename the variables in snac.yaml and in the workflow, for example ${CREDENTIAL_ENV_PREFIX}USERNAME and ${CREDENTIAL_ENV_PREFIX}PASSWORD`,
    );
  }
}

/** Credentials for an instance from the environment variables its snac.yaml `auth` names. */
export function resolveCredentials(auth: AuthConfig, env: Env): Credentials {
  checkNames(auth);
  const read = new EnvReader(env);
  if (auth.type === 'basic') {
    const username = read.take(auth.usernameEnv);
    const password = read.take(auth.passwordEnv);
    read.done('Basic authentication');
    return { type: 'basic', username, password: new Secret(password), source: sourceOf(auth.usernameEnv, auth.passwordEnv) };
  }
  const clientId = read.take(auth.clientIdEnv);
  const clientSecret = new Secret(read.take(auth.clientSecretEnv));
  if (auth.grant === 'client_credentials') {
    read.done('the OAuth client_credentials grant');
    return { type: 'oauth', grant: 'client_credentials', clientId, clientSecret, source: sourceOf(auth.clientIdEnv, auth.clientSecretEnv) };
  }
  if (!auth.usernameEnv || !auth.passwordEnv) {
    throw new SnacError(
      'the OAuth password grant needs usernameEnv and passwordEnv in the instance auth settings',
      'invalid-auth-config',
      'name the environment variables holding the reconciler user name and password, or use grant: client_credentials',
    );
  }
  const username = read.take(auth.usernameEnv);
  const password = new Secret(read.take(auth.passwordEnv));
  read.done('the OAuth password grant');
  const source = sourceOf(auth.clientIdEnv, auth.clientSecretEnv, auth.usernameEnv, auth.passwordEnv);
  return { type: 'oauth', grant: 'password', clientId, clientSecret, username, password, source };
}

/**
 * One-off credentials from SNAC_USERNAME / SNAC_PASSWORD, plus SNAC_CLIENT_ID /
 * SNAC_CLIENT_SECRET for OAuth: with a client and a user, the password grant; with a client
 * only, client_credentials; with a user only, Basic.
 */
export function credentialsFromEnv(env: Env): Credentials {
  const { username, password, clientId, clientSecret } = ONE_OFF_ENV;
  const set = (name: string) => Boolean(env[name]);
  if (!set(clientId) && !set(clientSecret)) return resolveCredentials({ type: 'basic', usernameEnv: username, passwordEnv: password }, env);
  const withUser = set(username) || set(password);
  return resolveCredentials(
    withUser
      ? { type: 'oauth', grant: 'password', clientIdEnv: clientId, clientSecretEnv: clientSecret, usernameEnv: username, passwordEnv: password }
      : { type: 'oauth', grant: 'client_credentials', clientIdEnv: clientId, clientSecretEnv: clientSecret },
    env,
  );
}

/** SNAC_INSTANCE_URL and the one-off credentials. */
export function connectionFromEnv(env: Env): { readonly url: string; readonly credentials: Credentials } {
  const read = new EnvReader(env);
  const url = read.take(ONE_OFF_ENV.url);
  read.done('a one-off connection to an instance');
  return { url, credentials: credentialsFromEnv(env) };
}
