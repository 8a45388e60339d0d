import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../../src/diagnostics.js';
import { explainGitHubError } from '../../src/github/errors.js';
import { createTableApi, Secret, type Credentials } from '../../src/servicenow/index.js';

/**
 * 10. An instance (or a proxy in front of it) echoes what it was sent, encoded the way it
 * travelled: URL- and form-encoded, JSON-escaped, base64, HTML, or in a redirect's path. None
 * of it may reach an error message; the same holds for the GitHub token.
 */

const URL_ = 'https://dev12345.service-now.com';
const PASSWORD = 'Tr0ub4dor&3 pässwörd/+?=';
const CLIENT_SECRET = 'c1ient s3cret!*()\'~';

afterEach(() => nock.cleanAll());

function forms(secret: string): Record<string, string> {
  const base64 = Buffer.from(secret).toString('base64');
  return {
    raw: secret,
    url: encodeURIComponent(secret),
    'url, lower-case hex': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    form: new URLSearchParams({ s: secret }).toString().slice(2),
    json: JSON.stringify(secret).slice(1, -1),
    'json, ascii only': JSON.stringify(secret).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    html: secret.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
    base64,
    base64url: base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  };
}

const modes: [string, Credentials, string][] = [
  ['basic', { type: 'basic', username: 'svc_snac', password: new Secret(PASSWORD), source: 'SNAC_USERNAME / SNAC_PASSWORD' }, PASSWORD],
  ['oauth client_credentials', { type: 'oauth', grant: 'client_credentials', clientId: 'snac-client', clientSecret: new Secret(CLIENT_SECRET), source: 'SNAC_CLIENT_ID / SNAC_CLIENT_SECRET' }, CLIENT_SECRET],
];

async function failure(credentials: Credentials, arrange: (scope: nock.Scope) => void): Promise<string> {
  const scope = nock(URL_);
  if (credentials.type === 'oauth') scope.post('/oauth_token.do').reply(200, { access_token: 'AT-token-value-123', expires_in: 1799 });
  arrange(scope);
  const api = createTableApi({ url: URL_, credentials, sleep: () => Promise.resolve(), now: () => 0, random: () => 0.5 });
  return api.list('sys_user', { fields: [] }).then(() => 'no error', describeError);
}

describe('10. credentials are redacted in every encoding, and redirects show only where they lead', () => {
  for (const [mode, credentials, secret] of modes) {
    it(`${mode}: an error envelope echoing the secret every way it can be encoded shows none of them`, async () => {
      const echoed = Object.entries(forms(secret)).map(([how, text]) => `${how}=<${text}>`).join(' ');
      const said = await failure(credentials, (s) => s.get('/api/now/table/sys_user').query(true).reply(403, { error: { message: 'Denied', detail: echoed }, status: 'failure' }));
      expect(said).toContain('403 Denied');
      for (const [how, text] of Object.entries(forms(secret))) {
        expect(said, how).not.toContain(text);
        expect(said, how).toContain(`${how}=<[redacted]>`);
      }
    });

    it(`${mode}: a redirect whose path and query carry the secret shows only its origin`, async () => {
      const location = `https://sso.example.com/login/${encodeURIComponent(secret)}/${Buffer.from(secret).toString('base64url')}?next=${encodeURIComponent(secret)}`;
      const said = await failure(credentials, (s) => s.get('/api/now/table/sys_user').query(true).reply(302, '', { Location: location }));
      expect(said).toContain('was redirected (302) to https://sso.example.com (path and query not shown)');
      expect(said).not.toContain('/login');
    });
  }

  it('the GitHub token echoed URL-encoded or in base64 by a proxy is not shown either', () => {
    const token = 'ghs_SECRET/secret+SECRET=secret0123456789';
    const echoed = `token=${encodeURIComponent(token)} raw=${Buffer.from(token).toString('base64')}`;
    const said = describeError(explainGitHubError({ status: 502, response: { data: { message: echoed } } }, { action: 'list the comments of #7', permission: 'pull-requests: read' }, token));
    for (const form of Object.values(forms(token))) expect(said).not.toContain(form);
    expect(said).toContain('token=[redacted]');
  });

  it('control: an error without secrets is shown whole', async () => {
    const said = await failure(modes[0]![1], (s) => s.get('/api/now/table/sys_user').query(true).reply(403, { error: { message: 'Denied', detail: 'ACL sys_user.read failed' }, status: 'failure' }));
    expect(said).toContain('403 Denied: ACL sys_user.read failed');
  });
});
