import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ServiceNowError } from '../../src/servicenow/index.js';
import {
  ACCESS_TOKEN,
  ACCESS_TOKEN_2,
  BASIC_HEADER,
  CLIENT_SECRET,
  clientCredentialsGrant,
  harness,
  PASSWORD,
  passwordGrant,
  REFRESH_TOKEN,
  TABLE_PATH,
  tableHeaders,
  users,
} from './support.js';

const denied = { error_description: 'access_denied', error: 'server_error' };

function token(access: string, expiresIn = 1799, refresh?: string) {
  return { access_token: access, scope: 'useraccount', token_type: 'Bearer', expires_in: expiresIn, ...(refresh ? { refresh_token: refresh } : {}) };
}

function listReply(scope: nock.Scope, bearer: string, times = 1): void {
  scope.get(`${TABLE_PATH}/sys_user`).query(true).matchHeader('authorization', `Bearer ${bearer}`).times(times).reply(200, { result: users(1) }, tableHeaders(1));
}

describe('Basic authentication', () => {
  it('signs every request with the Basic header and asks for no token', async () => {
    const { api, scope } = harness();
    scope.get(`${TABLE_PATH}/sys_user`).query(true).matchHeader('authorization', BASIC_HEADER).times(2).reply(200, { result: [] }, tableHeaders(0));
    await api.list('sys_user', { fields: [] });
    await api.list('sys_user', { fields: [] });
    expect(scope.isDone()).toBe(true);
  });
});

describe('OAuth password grant', () => {
  it('posts a form-encoded password grant to /oauth_token.do and signs with the bearer token', async () => {
    const { api, scope } = harness({ credentials: passwordGrant });
    scope
      .post('/oauth_token.do', { grant_type: 'password', client_id: 'snac-client', client_secret: CLIENT_SECRET, username: 'svc_snac', password: PASSWORD })
      .matchHeader('content-type', /^application\/x-www-form-urlencoded/)
      .reply(200, token(ACCESS_TOKEN, 1799, REFRESH_TOKEN));
    listReply(scope, ACCESS_TOKEN);
    expect(await api.list('sys_user', { fields: [] })).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  it('reuses the token while it is valid, across calls and concurrent requests', async () => {
    const { api, scope, time } = harness({ credentials: passwordGrant });
    scope.post('/oauth_token.do').once().reply(200, token(ACCESS_TOKEN, 1799, REFRESH_TOKEN));
    listReply(scope, ACCESS_TOKEN, 6);
    await Promise.all([1, 2, 3, 4].map(() => api.list('sys_user', { fields: [] })));
    time.nowMs += 1000 * 1000;
    await api.list('sys_user', { fields: [] });
    await api.list('sys_user', { fields: [] });
    expect(scope.isDone()).toBe(true);
    expect(api.log.entries().find((e) => e.table === 'oauth_token.do')?.requests).toBe(1);
  });

  it('refreshes with the refresh_token grant shortly before the token expires', async () => {
    const { api, scope, time } = harness({ credentials: passwordGrant });
    scope.post('/oauth_token.do', (body) => body.grant_type === 'password').reply(200, token(ACCESS_TOKEN, 1799, REFRESH_TOKEN));
    listReply(scope, ACCESS_TOKEN);
    scope
      .post('/oauth_token.do', { grant_type: 'refresh_token', client_id: 'snac-client', client_secret: CLIENT_SECRET, refresh_token: REFRESH_TOKEN })
      .reply(200, token(ACCESS_TOKEN_2, 1799));
    listReply(scope, ACCESS_TOKEN_2);
    await api.list('sys_user', { fields: [] });
    time.nowMs += 1750 * 1000; // 49 s left: inside the one-minute margin
    await api.list('sys_user', { fields: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('grants again when the refresh token is refused', async () => {
    const { api, scope, time } = harness({ credentials: passwordGrant });
    scope.post('/oauth_token.do', (body) => body.grant_type === 'password').reply(200, token(ACCESS_TOKEN, 1799, REFRESH_TOKEN));
    listReply(scope, ACCESS_TOKEN);
    scope.post('/oauth_token.do', (body) => body.grant_type === 'refresh_token').reply(401, denied);
    scope.post('/oauth_token.do', (body) => body.grant_type === 'password').reply(200, token(ACCESS_TOKEN_2, 1799, REFRESH_TOKEN));
    listReply(scope, ACCESS_TOKEN_2);
    await api.list('sys_user', { fields: [] });
    time.nowMs += 1800 * 1000;
    await api.list('sys_user', { fields: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('gets a new token once when the instance refuses the current one, then repeats the request', async () => {
    const { api, scope } = harness({ credentials: passwordGrant });
    scope.post('/oauth_token.do', (body) => body.grant_type === 'password').reply(200, token(ACCESS_TOKEN, 1799, REFRESH_TOKEN));
    scope
      .get(`${TABLE_PATH}/sys_user`)
      .query(true)
      .matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
      .reply(401, { error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' });
    scope.post('/oauth_token.do', (body) => body.grant_type === 'refresh_token').reply(200, token(ACCESS_TOKEN_2, 1799));
    listReply(scope, ACCESS_TOKEN_2);
    expect(await api.list('sys_user', { fields: [] })).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  it('explains a refused password grant: client, user, lock-out, disabled grant', async () => {
    const { api, scope } = harness({ credentials: passwordGrant });
    scope.post('/oauth_token.do').reply(401, denied);
    const error = await api.list('sys_user', { fields: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceNowError);
    expect(error).toMatchObject({ code: 'servicenow-oauth-denied', status: 401, table: 'oauth_token.do', method: 'POST' });
    expect(String((error as ServiceNowError).message)).toBe('POST oauth_token.do on dev12345.service-now.com refused the OAuth password grant with 401');
    expect((error as ServiceNowError).fix).toMatch(/SNAC_CLIENT_ID \/ SNAC_CLIENT_SECRET \/ SNAC_USERNAME \/ SNAC_PASSWORD.*not locked out.*ropc\.grant_type\.disabled/);
    expect(scope.isDone()).toBe(true);
  });
});

describe('OAuth client_credentials grant', () => {
  it('posts client id and secret only, and gets a new grant (no refresh token) before expiry', async () => {
    const { api, scope, time } = harness({ credentials: clientCredentialsGrant });
    const grant = { grant_type: 'client_credentials', client_id: 'snac-client', client_secret: CLIENT_SECRET };
    scope.post('/oauth_token.do', grant).reply(200, token(ACCESS_TOKEN, 1799));
    listReply(scope, ACCESS_TOKEN);
    scope.post('/oauth_token.do', grant).reply(200, token(ACCESS_TOKEN_2, 1799));
    listReply(scope, ACCESS_TOKEN_2);
    await api.list('sys_user', { fields: [] });
    time.nowMs += 1760 * 1000;
    await api.list('sys_user', { fields: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('explains that the grant needs the instance property and an application user', async () => {
    const { api, scope } = harness({ credentials: clientCredentialsGrant });
    scope.post('/oauth_token.do').reply(401, denied);
    const error = (await api.list('sys_user', { fields: [] }).catch((e: unknown) => e)) as ServiceNowError;
    expect(error.message).toBe('POST oauth_token.do on dev12345.service-now.com refused the OAuth client_credentials grant with 401');
    expect(error.fix).toMatch(/glide\.oauth\.inbound\.client\.credential\.grant_type\.enabled=true.*OAuth Application User/);
  });

  it('explains a token answer that is not a token', async () => {
    const { api, scope } = harness({ credentials: clientCredentialsGrant });
    scope.post('/oauth_token.do').reply(200, '<html><body>Your instance is hibernating</body></html>', { 'Content-Type': 'text/html' });
    await expect(api.list('sys_user', { fields: [] })).rejects.toThrow('POST oauth_token.do on dev12345.service-now.com answered 200 with an HTML page instead of JSON');
  });
});
