import type nock from 'nock';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { ServiceNowError, type TableApi } from '../../src/servicenow/index.js';
import { envelope, harness, passwordGrant, socketError, sysId, TABLE_PATH, tableHeaders } from './support.js';

const HOST = 'dev12345.service-now.com';
const USER_ID = sysId('svc_backup');
const users = `${TABLE_PATH}/sys_user`;

interface Case {
  readonly name: string;
  readonly arrange: (scope: nock.Scope) => void;
  readonly act: (api: TableApi) => Promise<unknown>;
  readonly code: string;
  readonly message: string;
  readonly fix: RegExp;
  readonly status?: number;
}

const cases: Case[] = [
  {
    name: '401: wrong credentials, or the reconciler inactive or locked out (seed 000)',
    arrange: (s) => s.get(users).query(true).reply(...envelope(401, 'User Not Authenticated', 'Required to provide Auth information')),
    act: (api) => api.list('sys_user', { fields: ['user_name'] }),
    code: 'servicenow-unauthenticated',
    message: `GET sys_user on ${HOST} failed with 401 User Not Authenticated: Required to provide Auth information`,
    fix: /^the instance refused the credentials of svc_snac: check SNAC_USERNAME \/ SNAC_PASSWORD\. If they are right, the account may be inactive or locked out .*set active=true and locked_out=false on sys_user svc_snac\. New instances may also allow Basic auth only for non-interactive/,
    status: 401,
  },
  {
    name: '401 with X-MFA_TOKEN: invalid',
    arrange: (s) => s.get(users).query(true).reply(401, envelope(401, 'User Not Authenticated', null)[1], { 'X-MFA_TOKEN': 'invalid' }),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-unauthenticated',
    message: `GET sys_user on ${HOST} failed with 401 User Not Authenticated`,
    fix: /requires multi-factor authentication for svc_snac/,
    status: 401,
  },
  {
    name: '403 on insert: ACL Exception Insert Failed (seed 002)',
    arrange: (s) => s.post(users).query(true).reply(...envelope(403, 'Operation Failed', 'ACL Exception Insert Failed due to security constraints')),
    act: (api) => api.create('sys_user', { user_name: 'svc_backup' }),
    code: 'servicenow-acl-denied',
    message: `POST sys_user on ${HOST} failed with 403 Operation Failed: ACL Exception Insert Failed due to security constraints`,
    fix: /^svc_snac lacks the roles or ACLs to insert into sys_user: grant it user_admin .* or an ACL that allows it; roles take effect at the account's next session$/,
    status: 403,
  },
  {
    name: '403 on a High Security Setting',
    arrange: (s) => s.patch(`${TABLE_PATH}/sys_properties/${sysId('prop')}`).query(true).reply(...envelope(403, 'Operation Failed', 'ACL Exception Update Failed due to security constraints')),
    act: (api) => api.update('sys_properties', sysId('prop'), { value: 'true' }),
    code: 'servicenow-acl-denied',
    message: `PATCH sys_properties/${sysId('prop')} on ${HOST} failed with 403 Operation Failed: ACL Exception Update Failed due to security constraints`,
    fix: /writable only by security_admin in an elevated session, which REST calls cannot obtain/,
    status: 403,
  },
  {
    name: '403 from a business rule',
    arrange: (s) =>
      s
        .delete(`${TABLE_PATH}/sys_user_has_role/${sysId('grant')}`)
        .reply(
          ...envelope(
            403,
            'Operation Failed',
            "Operation against file 'sys_user_has_role' was aborted by Business Rule 'Prevent inherited role delete^9a8b'. Business Rule Stack:Prevent inherited role delete",
          ),
        ),
    act: (api) => api.remove('sys_user_has_role', sysId('grant')),
    code: 'servicenow-business-rule',
    message: `DELETE sys_user_has_role/${sysId('grant')} on ${HOST} failed with 403 Operation Failed: Operation against file 'sys_user_has_role' was aborted by Business Rule 'Prevent inherited role delete^9a8b'. Business Rule Stack:Prevent inherited role delete`,
    fix: /^the instance's business rule "Prevent inherited role delete" refused the change; this is a rule, not a missing permission/,
    status: 403,
  },
  {
    name: '403 for a query field the reconciler cannot read',
    arrange: (s) => s.get(users).query(true).reply(...envelope(403, 'Insufficient rights to query records', 'Field(s) present in the query do not have permission to be read')),
    act: (api) => api.list('sys_user', { query: 'u_secret=1', fields: [] }),
    code: 'servicenow-query-forbidden',
    message: `GET sys_user on ${HOST} failed with 403 Insufficient rights to query records: Field(s) present in the query do not have permission to be read`,
    fix: /names a field of sys_user that svc_snac may not read, or one that does not exist/,
    status: 403,
  },
  {
    name: '403 from the REST API ACL',
    arrange: (s) => s.get(users).query(true).reply(...envelope(403, 'User Not Authorized', 'Failed API level ACL Validation')),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-rest-acl',
    message: `GET sys_user on ${HOST} failed with 403 User Not Authorized: Failed API level ACL Validation`,
    fix: /snc_platform_rest_api_access/,
    status: 403,
  },
  {
    name: '403 for a duplicate unique key',
    arrange: (s) => s.post(`${TABLE_PATH}/sys_user_grmember`).query(true).reply(...envelope(403, 'Operation Failed', 'Error during insert of sys_user_grmember (svc_a, CAB)')),
    act: (api) => api.create('sys_user_grmember', { user: sysId('a'), group: sysId('cab') }),
    code: 'servicenow-duplicate',
    message: `POST sys_user_grmember on ${HOST} failed with 403 Operation Failed: Error during insert of sys_user_grmember (svc_a, CAB)`,
    fix: /already exists: plan again/,
    status: 403,
  },
  {
    name: '403 on a read',
    arrange: (s) => s.get(`${TABLE_PATH}/sysauto_script`).query(true).reply(...envelope(403, 'Forbidden', null)),
    act: (api) => api.list('sysauto_script', { fields: [] }),
    code: 'servicenow-forbidden',
    message: `GET sysauto_script on ${HOST} failed with 403 Forbidden`,
    fix: /^svc_snac may not read sysauto_script: grant it a role or ACL with read access/,
    status: 403,
  },
  {
    name: '404 on a known record: missing, or hidden by a read ACL, and how to tell',
    arrange: (s) => s.patch(`${users}/${USER_ID}`).query(true).reply(...envelope(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval")),
    act: (api) => api.update('sys_user', USER_ID, { active: 'false' }),
    code: 'servicenow-not-found',
    message: `PATCH sys_user/${USER_ID} on ${HOST} failed with 404 No Record found: Record doesn't exist or ACL restricts the record retrieval`,
    fix: new RegExp(`^the record does not exist or a read ACL hides it from svc_snac\\. To tell which, look for sys_user/${USER_ID} as an administrator: if it is there, svc_snac needs read access to sys_user; if not, it was deleted`),
    status: 404,
  },
  {
    name: '404 on a list: not the Table API',
    arrange: (s) => s.get(users).query(true).reply(404, '<html><body>Not Found</body></html>'),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-no-resource',
    message: `GET sys_user on ${HOST} failed with 404 (no ServiceNow error message)`,
    fix: /does not lead to the Table API/,
    status: 404,
  },
  {
    name: '400 for an unknown table',
    arrange: (s) => s.get(`${TABLE_PATH}/u_missing`).query(true).reply(...envelope(400, 'Invalid table u_missing', null)),
    act: (api) => api.list('u_missing', { fields: [] }),
    code: 'servicenow-invalid-table',
    message: `GET u_missing on ${HOST} failed with 400 Invalid table u_missing`,
    fix: /does not exist on this instance \(or its plugin is not active\)/,
    status: 400,
  },
  {
    name: '400 for a payload too large',
    arrange: (s) =>
      s.post(users).query(true).reply(...envelope(400, 'Exception while reading request', 'Rejected large REST payload with content-length = 10485761 bytes. Max allowed: 10485760 bytes.')),
    act: (api) => api.create('sys_user', { user_name: 'x' }),
    code: 'servicenow-payload-too-large',
    message: `POST sys_user on ${HOST} failed with 400 Exception while reading request: Rejected large REST payload with content-length = 10485761 bytes. Max allowed: 10485760 bytes.`,
    fix: /larger than the instance accepts/,
    status: 400,
  },
  {
    name: '405 and other rejections keep the instance message',
    arrange: (s) => s.delete(`${users}/${USER_ID}`).reply(...envelope(405, 'Method not Supported', 'Requested method is not supported by this resource')),
    act: (api) => api.remove('sys_user', USER_ID),
    code: 'servicenow-request-failed',
    message: `DELETE sys_user/${USER_ID} on ${HOST} failed with 405 Method not Supported: Requested method is not supported by this resource`,
    fix: /rejected the request as made/,
    status: 405,
  },
  {
    name: '429 after every attempt: which rule, when it resets',
    arrange: (s) =>
      s
        .get(users)
        .query(true)
        .times(5)
        .reply(429, envelope(429, 'Rate limit exceeded', 'Rate limit of 100 requests per hour for Table API exceeded')[1], {
          'X-RateLimit-Rule': sysId('rule'),
          'X-RateLimit-Limit': '100',
          'X-RateLimit-Reset': String(Date.parse('2026-03-02T10:00:30Z') / 1000),
        }),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-rate-limited',
    message: `GET sys_user on ${HOST} failed after 5 attempts with 429 Rate limit exceeded: Rate limit of 100 requests per hour for Table API exceeded`,
    fix: new RegExp(`^the rate-limit rule ${sysId('rule')} \\(100 requests per hour\\) is refusing svc_snac's requests\\. It resets at 2026-03-02T10:00:30.000Z\\. Wait and run again, ask an administrator to raise the rule for the reconciler, or lower snac's concurrency$`),
    status: 429,
  },
  {
    name: '500 on a read',
    arrange: (s) => s.get(users).query(true).reply(...envelope(500, 'Transaction cancelled: maximum execution time exceeded', null)),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-server-error',
    message: `GET sys_user on ${HOST} failed with 500 Transaction cancelled: maximum execution time exceeded`,
    fix: /hibernating.*60 s quota \(lower the page size\)/,
    status: 500,
  },
  {
    name: '202 on every attempt of a read',
    arrange: (s) => s.get(users).query(true).times(5).reply(202, ''),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-dropped',
    message: `GET sys_user on ${HOST} failed after 5 attempts with 202 (no ServiceNow error message)`,
    fix: /too many requests wait on one session/,
    status: 202,
  },
  {
    name: 'a redirect to a login page',
    arrange: (s) => s.get(users).query(true).reply(302, '', { Location: 'https://login.example.com/sso/saml?SAMLRequest=abc&RelayState=xyz' }),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-redirected',
    message: `GET sys_user on ${HOST} was redirected (302) to https://login.example.com (path and query not shown)`,
    fix: /SSO or a proxy intercepts API calls/,
    status: 302,
  },
  {
    name: 'an HTML page instead of JSON (a hibernating developer instance)',
    arrange: (s) => s.get(users).query(true).reply(200, '<!DOCTYPE html><html><body>Your instance is hibernating</body></html>', { 'Content-Type': 'text/html' }),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-bad-response',
    message: `GET sys_user on ${HOST} answered 200 with an HTML page instead of JSON`,
    fix: /hibernating \(it then serves a wake-up page\)/,
    status: 200,
  },
  {
    name: 'truncated JSON',
    arrange: (s) => s.get(users).query(true).reply(200, '{"result":[{"sys_id":"6816f79cc0a8016401c5a33be04be441","user_name":"adm', tableHeaders(1)),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-bad-response',
    message: `GET sys_user on ${HOST} answered 200 with JSON that does not parse (72 bytes: truncated or malformed)`,
    fix: /lower the page size if a response is cut short again/,
    status: 200,
  },
  {
    name: 'an empty body',
    arrange: (s) => s.get(users).query(true).reply(200, ''),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-bad-response',
    message: `GET sys_user on ${HOST} answered 200 with an empty body where JSON was expected`,
    fix: /something other than the Table API/,
    status: 200,
  },
  {
    name: 'JSON of the wrong shape for a list',
    arrange: (s) => s.get(users).query(true).reply(200, { result: { sys_id: USER_ID } }, tableHeaders(1)),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-bad-response',
    message: `GET sys_user on ${HOST} answered 200 with JSON that is not a Table API result`,
    fix: /something other than the Table API/,
    status: 200,
  },
  {
    name: 'rows that are not records',
    arrange: (s) => s.get(users).query(true).reply(200, { result: [['a', 'b']] }, tableHeaders(1)),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-bad-response',
    message: `GET sys_user on ${HOST} answered 200 with JSON that is not a Table API result`,
    fix: /something other than the Table API/,
    status: 200,
  },
  {
    name: 'JSON of the wrong shape for one record',
    arrange: (s) => s.get(`${users}/${USER_ID}`).query(true).reply(200, { records: [] }),
    act: (api) => api.get('sys_user', USER_ID, []),
    code: 'servicenow-bad-response',
    message: `GET sys_user/${USER_ID} on ${HOST} answered 200 with JSON that is not a Table API result`,
    fix: /something other than the Table API/,
    status: 200,
  },
  {
    name: 'a connection reset on every attempt',
    arrange: (s) => s.get(users).query(true).times(5).replyWithError(socketError('ECONNRESET')),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-network',
    message: `GET sys_user on ${HOST} lost the connection (reset by the instance or a proxy) after 5 attempts`,
    fix: /check that the instance is up/,
  },
  {
    name: 'a certificate that cannot be verified',
    arrange: (s) => s.get(users).query(true).replyWithError(socketError('SELF_SIGNED_CERT_IN_CHAIN')),
    act: (api) => api.list('sys_user', { fields: [] }),
    code: 'servicenow-network',
    message: `GET sys_user on ${HOST} could not verify the instance's TLS certificate (SELF_SIGNED_CERT_IN_CHAIN)`,
    fix: /NODE_EXTRA_CA_CERTS/,
  },
];

describe('every failure is a ServiceNowError that names the call and explains it', () => {
  it.each(cases)('$name', async ({ arrange, act, code, message, fix, status }) => {
    const { api, scope } = harness();
    arrange(scope);
    const error = await act(api).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceNowError);
    const e = error as ServiceNowError;
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
    expect(e.fix).toMatch(fix);
    expect(e.status).toBe(status);
    expect(scope.isDone()).toBe(true);
  });
});

describe('the OAuth account', () => {
  it('is explained when the instance refuses even a fresh token', async () => {
    const { api, scope } = harness({ credentials: passwordGrant });
    scope.post('/oauth_token.do').twice().reply(200, { access_token: 'token-value-1', refresh_token: 'refresh-value-1', expires_in: 1799 });
    scope.get(users).query(true).twice().reply(...envelope(401, 'User Not Authenticated', 'Required to provide Auth information'));
    const error = (await api.list('sys_user', { fields: [] }).catch((e: unknown) => e)) as ServiceNowError;
    expect(error.message).toBe(`GET sys_user on ${HOST} failed after 2 attempts with 401 User Not Authenticated: Required to provide Auth information`);
    expect(error.fix).toMatch(/^the instance refused a fresh OAuth access token: the account may be inactive or locked out/);
    expect(scope.isDone()).toBe(true);
  });
});

describe('diagnostics', () => {
  it('give the call without headers or bodies, and the record', async () => {
    const { api, scope } = harness();
    scope.patch(`${users}/${USER_ID}`).query(true).reply(...envelope(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval"));
    const error = (await api.update('sys_user', USER_ID, { active: 'false' }).catch((e: unknown) => e)) as ServiceNowError;
    const diagnostic = error.toDiagnostic();
    expect(diagnostic).toEqual({
      severity: 'error',
      code: 'servicenow-not-found',
      summary: error.message,
      fix: error.fix,
      record: { kind: 'sys_user', key: USER_ID },
      request: { method: 'PATCH', path: `/api/now/table/sys_user/${USER_ID}`, status: 404 },
    });
    expect(formatDiagnostic(diagnostic)).toMatch(/^error \[servicenow-not-found\] PATCH sys_user\/[0-9a-f]{32} on dev12345\.service-now\.com failed with 404/);
  });

  it('keep ServiceNow message and detail as fields, and only plain data', async () => {
    const { api, scope } = harness();
    scope.post(users).query(true).reply(...envelope(403, 'Operation Failed', 'ACL Exception Insert Failed due to security constraints'));
    const error = (await api.create('sys_user', { user_name: 'x' }).catch((e: unknown) => e)) as ServiceNowError;
    expect(error).toMatchObject({
      name: 'ServiceNowError',
      method: 'POST',
      table: 'sys_user',
      sysId: undefined,
      path: '/api/now/table/sys_user',
      serviceNowMessage: 'Operation Failed',
      serviceNowDetail: 'ACL Exception Insert Failed due to security constraints',
    });
    expect(Object.keys(JSON.parse(JSON.stringify(error)) as object).sort()).toEqual(
      ['code', 'fix', 'method', 'name', 'path', 'serviceNowDetail', 'serviceNowMessage', 'status', 'table'].sort(),
    );
    expect(error.cause).toBeUndefined();
  });
});
