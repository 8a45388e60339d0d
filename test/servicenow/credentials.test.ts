import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SnacError } from '../../src/diagnostics.js';
import { connectionFromEnv, credentialsFromEnv, resolveCredentials, Secret, type Credentials } from '../../src/servicenow/index.js';

const PASSWORD = 'n0t-in-any-message-42';
const CLIENT_SECRET = 'also-n0t-in-messages-77';

function reveal(credentials: Credentials): Record<string, string> {
  const out: Record<string, string> = { type: credentials.type, source: credentials.source };
  if (credentials.type === 'basic') return { ...out, username: credentials.username, password: credentials.password.reveal() };
  out['grant'] = credentials.grant;
  out['clientId'] = credentials.clientId;
  out['clientSecret'] = credentials.clientSecret.reveal();
  if (credentials.grant === 'password') return { ...out, username: credentials.username, password: credentials.password.reveal() };
  return out;
}

function failure(run: () => unknown): SnacError {
  try {
    run();
  } catch (error) {
    if (error instanceof SnacError) return error;
    throw error;
  }
  throw new Error('expected a SnacError');
}

describe('credentials from snac.yaml auth settings', () => {
  it('reads Basic credentials from the variables named', () => {
    const credentials = resolveCredentials({ type: 'basic', usernameEnv: 'SNAC_DEV_USER', passwordEnv: 'SNAC_DEV_PASS' }, { SNAC_DEV_USER: 'svc_snac', SNAC_DEV_PASS: PASSWORD });
    expect(reveal(credentials)).toEqual({ type: 'basic', source: 'SNAC_DEV_USER / SNAC_DEV_PASS', username: 'svc_snac', password: PASSWORD });
  });

  it('reads an OAuth password grant', () => {
    const auth = { type: 'oauth', grant: 'password', clientIdEnv: 'SNAC_ID', clientSecretEnv: 'SNAC_SECRET', usernameEnv: 'SNAC_USER', passwordEnv: 'SNAC_PASS' } as const;
    const env = { SNAC_ID: 'snac-client', SNAC_SECRET: CLIENT_SECRET, SNAC_USER: 'svc_snac', SNAC_PASS: PASSWORD };
    expect(reveal(resolveCredentials(auth, env))).toEqual({
      type: 'oauth',
      grant: 'password',
      source: 'SNAC_ID / SNAC_SECRET / SNAC_USER / SNAC_PASS',
      clientId: 'snac-client',
      clientSecret: CLIENT_SECRET,
      username: 'svc_snac',
      password: PASSWORD,
    });
  });

  it('reads an OAuth client_credentials grant', () => {
    const auth = { type: 'oauth', grant: 'client_credentials', clientIdEnv: 'SNAC_ID', clientSecretEnv: 'SNAC_SECRET' } as const;
    expect(reveal(resolveCredentials(auth, { SNAC_ID: 'snac-client', SNAC_SECRET: CLIENT_SECRET }))).toEqual({
      type: 'oauth',
      grant: 'client_credentials',
      source: 'SNAC_ID / SNAC_SECRET',
      clientId: 'snac-client',
      clientSecret: CLIENT_SECRET,
    });
  });

  it('names every missing variable at once, an empty one counting as missing, and never a value', () => {
    const error = failure(() => resolveCredentials({ type: 'basic', usernameEnv: 'SNAC_DEV_USER', passwordEnv: 'SNAC_DEV_PASS' }, { SNAC_DEV_USER: '' }));
    expect(error.code).toBe('missing-credentials');
    expect(error.message).toBe('environment variables SNAC_DEV_USER, SNAC_DEV_PASS are not set (needed for Basic authentication)');
    expect(error.fix).toBe("set SNAC_DEV_USER, SNAC_DEV_PASS in the environment snac runs in (in GitHub Actions, from the environment's secrets)");
  });

  it('names the one missing variable of an OAuth grant without showing the others', () => {
    const auth = { type: 'oauth', grant: 'password', clientIdEnv: 'SNAC_ID', clientSecretEnv: 'SNAC_SECRET', usernameEnv: 'SNAC_USER', passwordEnv: 'SNAC_PASS' } as const;
    const error = failure(() => resolveCredentials(auth, { SNAC_ID: 'snac-client', SNAC_SECRET: CLIENT_SECRET, SNAC_USER: 'svc_snac' }));
    expect(error.message).toBe('environment variable SNAC_PASS is not set (needed for the OAuth password grant)');
    expect(`${error.message} ${error.fix ?? ''}`).not.toContain(CLIENT_SECRET);
  });

  it('refuses a password grant configured without user variables', () => {
    const error = failure(() => resolveCredentials({ type: 'oauth', grant: 'password', clientIdEnv: 'SNAC_ID', clientSecretEnv: 'SNAC_SECRET' }, { SNAC_ID: 'x', SNAC_SECRET: 'y' }));
    expect(error.code).toBe('invalid-auth-config');
    expect(error.message).toMatch(/needs usernameEnv and passwordEnv/);
  });
});

describe('one-off credentials from SNAC_* variables', () => {
  it('is Basic with a user only', () => {
    expect(reveal(credentialsFromEnv({ SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: PASSWORD }))).toMatchObject({ type: 'basic', source: 'SNAC_USERNAME / SNAC_PASSWORD' });
  });

  it('is the OAuth password grant with a client and a user', () => {
    const env = { SNAC_CLIENT_ID: 'c', SNAC_CLIENT_SECRET: CLIENT_SECRET, SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: PASSWORD };
    expect(reveal(credentialsFromEnv(env))).toMatchObject({ type: 'oauth', grant: 'password', username: 'svc_snac' });
  });

  it('is the client_credentials grant with a client only', () => {
    expect(reveal(credentialsFromEnv({ SNAC_CLIENT_ID: 'c', SNAC_CLIENT_SECRET: CLIENT_SECRET }))).toMatchObject({ type: 'oauth', grant: 'client_credentials' });
  });

  it('names the missing half of a client', () => {
    expect(failure(() => credentialsFromEnv({ SNAC_CLIENT_ID: 'c' })).message).toBe(
      'environment variable SNAC_CLIENT_SECRET is not set (needed for the OAuth client_credentials grant)',
    );
  });

  it('names the missing user variables when nothing is set', () => {
    expect(failure(() => credentialsFromEnv({})).message).toBe('environment variables SNAC_USERNAME, SNAC_PASSWORD are not set (needed for Basic authentication)');
  });

  it('needs SNAC_INSTANCE_URL for a connection', () => {
    expect(failure(() => connectionFromEnv({ SNAC_USERNAME: 'u', SNAC_PASSWORD: PASSWORD })).message).toBe(
      'environment variable SNAC_INSTANCE_URL is not set (needed for a one-off connection to an instance)',
    );
    const connection = connectionFromEnv({ SNAC_INSTANCE_URL: 'https://dev12345.service-now.com', SNAC_USERNAME: 'u', SNAC_PASSWORD: PASSWORD });
    expect(connection.url).toBe('https://dev12345.service-now.com');
  });
});

describe('a secret', () => {
  it('never prints its value', () => {
    const credentials = credentialsFromEnv({ SNAC_CLIENT_ID: 'c', SNAC_CLIENT_SECRET: CLIENT_SECRET, SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: PASSWORD });
    for (const text of [JSON.stringify(credentials), inspect(credentials, { depth: 5 }), `${String(new Secret(PASSWORD))}`]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(CLIENT_SECRET);
    }
    expect(JSON.stringify(credentials)).toContain('"password":"[redacted]"');
  });
});
