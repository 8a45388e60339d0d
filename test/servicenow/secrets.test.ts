import { inspect } from 'node:util';
import type nock from 'nock';
import { describe, expect, it } from 'vitest';
import { describeError, formatDiagnostic } from '../../src/diagnostics.js';
import { ServiceNowError, type Credentials, type TableApi } from '../../src/servicenow/index.js';
import {
  ACCESS_TOKEN,
  BASIC_HEADER,
  basicCredentials,
  CLIENT_SECRET,
  clientCredentialsGrant,
  harness,
  PASSWORD,
  passwordGrant,
  REFRESH_TOKEN,
  SESSION_COOKIE,
  socketError,
  sysId,
  TABLE_PATH,
} from './support.js';

const USER_ID = sysId('svc_backup');
const users = `${TABLE_PATH}/sys_user`;

type Reply = [number, nock.Body, Record<string, string>];

/** What each way of signing in gives the client, and so what must never come out of it. */
const modes: [string, Credentials, readonly string[]][] = [
  ['basic', basicCredentials, [PASSWORD, BASIC_HEADER, BASIC_HEADER.slice('Basic '.length), SESSION_COOKIE]],
  ['oauth password', passwordGrant, [PASSWORD, CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN, SESSION_COOKIE]],
  ['oauth client_credentials', clientCredentialsGrant, [CLIENT_SECRET, ACCESS_TOKEN, SESSION_COOKIE]],
];

/**
 * An instance that echoes whatever it was sent into its error envelope, as a badly behaved
 * proxy or a verbose script might: the Authorization header, the cookie, the body, and the
 * secrets it holds. It sets a session cookie first.
 */
function echo(status: number, leak: string, headers: Record<string, string> = {}): (this: nock.ReplyFnContext, uri: string, body: nock.Body) => Reply {
  return function (this: nock.ReplyFnContext, uri, body) {
    const authorization = String(this.req.headers['authorization'] ?? '');
    const cookie = String(this.req.headers['cookie'] ?? '');
    return [
      status,
      { error: { message: `Denied for ${authorization}`, detail: `uri=${uri} body=${JSON.stringify(body)} cookie=${cookie} secrets=${leak}` }, status: 'failure' },
      { 'Set-Cookie': `JSESSIONID=${SESSION_COOKIE}; Path=/; HttpOnly`, ...headers },
    ];
  };
}

interface Path {
  readonly name: string;
  readonly arrange: (scope: nock.Scope, leak: string) => void;
  readonly act: (api: TableApi) => Promise<unknown>;
}

/** A first request that only sets the session cookie, so later answers can echo it. */
function cookieFirst(scope: nock.Scope): void {
  scope.get(`${users}/${sysId('warm-up')}`).query(true).reply(200, { result: { sys_id: sysId('warm-up') } }, { 'Set-Cookie': `JSESSIONID=${SESSION_COOKIE}; Path=/` });
}

const paths: Path[] = [
  {
    name: '401 on a read (OAuth modes try once more with a new token)',
    arrange: (s, leak) => {
      s.get(users).query(true).reply(echo(401, leak));
      s.get(users).query(true).optionally().reply(echo(401, leak));
    },
    act: (api) => api.list('sys_user', { fields: [] }),
  },
  { name: '403 on an insert', arrange: (s, leak) => s.post(users).query(true).reply(echo(403, leak)), act: (api) => api.create('sys_user', { user_name: 'svc_x' }) },
  { name: '404 on an update', arrange: (s, leak) => s.patch(`${users}/${USER_ID}`).query(true).reply(echo(404, leak)), act: (api) => api.update('sys_user', USER_ID, { active: 'false' }) },
  { name: '429 on every attempt', arrange: (s, leak) => s.get(users).query(true).times(5).reply(echo(429, leak, { 'Retry-After': '1' })), act: (api) => api.list('sys_user', { fields: [] }) },
  { name: '500 on a read', arrange: (s, leak) => s.get(users).query(true).reply(echo(500, leak)), act: (api) => api.list('sys_user', { fields: [] }) },
  { name: '503 on a write (outcome unknown)', arrange: (s, leak) => s.post(users).query(true).reply(echo(503, leak)), act: (api) => api.create('sys_user', { user_name: 'svc_x' }) },
  { name: '202 on a write (outcome unknown)', arrange: (s) => s.delete(`${users}/${USER_ID}`).reply(202, ''), act: (api) => api.remove('sys_user', USER_ID) },
  {
    name: 'a reset write (outcome unknown)',
    arrange: (s) => s.patch(`${users}/${USER_ID}`).query(true).replyWithError(socketError('ECONNRESET')),
    act: (api) => api.update('sys_user', USER_ID, { active: 'false' }),
  },
  { name: 'a timed-out read on every attempt', arrange: (s) => s.get(users).query(true).times(5).replyWithError(socketError('ETIMEDOUT')), act: (api) => api.list('sys_user', { fields: [] }) },
  {
    name: 'an HTML page echoing the password',
    arrange: (s, leak) => s.get(users).query(true).reply(200, `<html><body>Login failed: ${leak}</body></html>`),
    act: (api) => api.list('sys_user', { fields: [] }),
  },
  {
    name: 'a redirect carrying secrets in its location',
    arrange: (s, leak) => s.get(users).query(true).reply(302, '', { Location: `https://sso.example.com/${leak.split(' ').join('/')}?token=${leak}` }),
    act: (api) => api.list('sys_user', { fields: [] }),
  },
  { name: 'truncated JSON', arrange: (s, leak) => s.get(users).query(true).reply(200, `{"result":[{"password":"${leak}"`), act: (api) => api.list('sys_user', { fields: [] }) },
];

function tokenReplies(scope: nock.Scope, credentials: Credentials): void {
  if (credentials.type !== 'oauth') return;
  const token = { access_token: ACCESS_TOKEN, expires_in: 1799, token_type: 'Bearer', scope: 'useraccount', ...(credentials.grant === 'password' ? { refresh_token: REFRESH_TOKEN } : {}) };
  scope.post('/oauth_token.do').reply(200, token);
  scope.post('/oauth_token.do').optionally().reply(200, token);
}

/** Every way an error or the log can end up printed, logged or serialised. */
function everyRendering(error: ServiceNowError, api: TableApi, credentials: Credentials): string[] {
  return [
    error.message,
    error.fix ?? '',
    String(error),
    error.stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    describeError(error),
    formatDiagnostic(error.toDiagnostic()),
    JSON.stringify(error.toDiagnostic()),
    api.log.summary(),
    JSON.stringify(api.log.entries()),
    inspect(api, { depth: 10, showHidden: true }),
    JSON.stringify(credentials),
    inspect(credentials, { depth: 10 }),
    String(credentials.type === 'basic' ? credentials.password : credentials.clientSecret),
  ];
}

function assertNoSecret(texts: readonly string[], secrets: readonly string[]): void {
  for (const text of texts) for (const secret of secrets) expect(text, `a secret leaked into: ${text.slice(0, 200)}`).not.toContain(secret);
}

describe('no secret appears in any error, log line or serialised object', () => {
  for (const [mode, credentials, secrets] of modes) {
    it.each(paths)(`${mode}: $name`, async ({ arrange, act }) => {
      const { api, scope } = harness({ credentials, concurrency: 1 });
      tokenReplies(scope, credentials);
      cookieFirst(scope);
      arrange(scope, secrets.join(' '));
      await api.get('sys_user', sysId('warm-up'), []);
      const outcome = await act(api).catch((e: unknown) => e);
      const error = outcome instanceof ServiceNowError ? outcome : (outcome as { error?: unknown }).error;
      expect(error).toBeInstanceOf(ServiceNowError);
      assertNoSecret(everyRendering(error as ServiceNowError, api, credentials), secrets);
      expect(scope.isDone()).toBe(true);
    });
  }

  it('a refused OAuth grant', async () => {
    const { api, scope } = harness({ credentials: passwordGrant });
    const secrets = modes[1]?.[2] ?? [];
    scope.post('/oauth_token.do').reply(echo(401, secrets.join(' ')));
    const error = (await api.list('sys_user', { fields: [] }).catch((e: unknown) => e)) as ServiceNowError;
    expect(error).toBeInstanceOf(ServiceNowError);
    assertNoSecret(everyRendering(error, api, passwordGrant), secrets);
  });

  it('redacts what the instance echoed but keeps the rest of its message', async () => {
    const { api, scope } = harness();
    scope.post(users).query(true).reply(echo(403, PASSWORD));
    const error = (await api.create('sys_user', { user_name: 'svc_x' }).catch((e: unknown) => e)) as ServiceNowError;
    expect(error.serviceNowMessage).toBe('Denied for Basic [redacted]');
    expect(error.serviceNowDetail).toMatch(/body=\{"user_name":"svc_x"\} cookie= secrets=\[redacted\]$/);
  });
});
