import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { captureIo } from '../support/io.js';

/**
 * 7. Whoever can change snac.yaml in a pull request tries to send the job's secrets to a host of
 * their choice: the job token as the "password", or the real credentials to their own URL.
 * Nothing is sent; the refusal names the file, the setting and what to do.
 */

const JOB_TOKEN = 'ghs_JOBtokenJOBtokenJOBtoken0123456789';
const PASSWORD = 'real-Password-7';

afterEach(() => nock.cleanAll());

/** Whatever reaches the attacker's host is recorded here, and answered 401. */
function attackerHost(origin: string): string[] {
  const seen: string[] = [];
  for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
    nock(origin).persist().intercept(/.*/, method).reply(function (uri) {
      seen.push(`${method} ${uri} ${String(this.req.headers['authorization'] ?? '')}`);
      return [401, { error: { message: 'User Not Authenticated' }, status: 'failure' }];
    });
  }
  return seen;
}

function project(instance: string): string {
  const root = mkdtempSync(join(tmpdir(), 'snac-routing-'));
  writeFileSync(join(root, 'snac.yaml'), `instances:\n  - name: prod\n${instance}`);
  mkdirSync(join(root, 'accounts'));
  writeFileSync(join(root, 'accounts', 'a.yaml'), 'kind: Role\nname: u_reader\n');
  return root;
}

async function snac(root: string, argv: string[], extra: Record<string, string> = {}) {
  const io = captureIo({ GITHUB_TOKEN: JOB_TOKEN, SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: PASSWORD, ...extra }, root);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('7. snac.yaml cannot route credentials', () => {
  it('naming GITHUB_TOKEN as the password is refused at its line, by validate and by plan, before any request', async () => {
    const seen = attackerHost('https://dev12345.service-now.com');
    const root = project('    url: https://dev12345.service-now.com\n    auth: { type: basic, username_env: SNAC_USERNAME, password_env: GITHUB_TOKEN }\n');
    const validated = await snac(root, ['validate']);
    expect(validated.code).toBe(1);
    expect(validated.out + validated.err).toMatch(/snac\.yaml:4:\d+ error \[invalid-value\] the text "GITHUB_TOKEN" is not valid for "instances\[0\]\.auth\.password_env": expected an environment variable name starting with SNAC_/);
    const planned = await snac(root, ['plan']);
    expect(planned.code).toBe(1);
    expect(planned.err).toContain('password_env');
    expect(seen).toEqual([]);
    expect(`${validated.out}${validated.err}${planned.out}${planned.err}`).not.toContain(JOB_TOKEN);
  });

  it('an instance URL outside the allowed hosts gets no request, let alone credentials', async () => {
    const seen = attackerHost('https://collector.attacker.example');
    const root = project('    url: https://collector.attacker.example\n    auth: { type: basic, username_env: SNAC_USERNAME, password_env: SNAC_PASSWORD }\n');
    const planned = await snac(root, ['plan']);
    expect(planned.code).toBe(1);
    expect(planned.err).toContain('snac.yaml instance "prod": collector.attacker.example is not an allowed instance host (SNAC_ALLOWED_HOSTS: *.service-now.com); no credentials were sent');
    const lookalike = project('    url: https://dev12345.service-now.com.attacker.example\n    auth: { type: basic, username_env: SNAC_USERNAME, password_env: SNAC_PASSWORD }\n');
    expect((await snac(lookalike, ['plan'])).err).toContain('is not an allowed instance host');
    const oneOff = await snac(root, ['plan', '--instance-url', 'https://collector.attacker.example']);
    expect(oneOff.err).toContain('--instance-url: collector.attacker.example is not an allowed instance host');
    expect(seen).toEqual([]);
  });

  it('plain http to anything but a local emulator is refused by the schema and at run time', async () => {
    const root = project('    url: http://dev12345.service-now.com\n    auth: { type: basic, username_env: SNAC_USERNAME, password_env: SNAC_PASSWORD }\n');
    expect((await snac(root, ['validate'])).out).toMatch(/snac\.yaml:3:\d+ error \[invalid-value\] .* is not valid for "instances\[0\]\.url"/);
    const valid = project('    url: https://dev12345.service-now.com\n    auth: { type: basic, username_env: SNAC_USERNAME, password_env: SNAC_PASSWORD }\n');
    const oneOff = await snac(valid, ['plan', '--instance-url', 'http://dev12345.service-now.com']);
    expect(oneOff.err).toContain('--instance-url: http://dev12345.service-now.com is not https: credentials are never sent in clear text');
  });

  it('control: an allowed host gets the credentials snac.yaml names, and the workflow can allow another domain', async () => {
    const seen = attackerHost('https://sn.acme.example');
    const root = project('    url: https://sn.acme.example\n    auth: { type: basic, username_env: SNAC_USERNAME, password_env: SNAC_PASSWORD }\n');
    const planned = await snac(root, ['plan'], { SNAC_ALLOWED_HOSTS: '*.service-now.com, sn.acme.example' });
    expect(planned.code).toBe(1);
    expect(planned.err).toContain('401');
    const basic = `Basic ${Buffer.from(`svc_snac:${PASSWORD}`).toString('base64')}`;
    expect(seen[0]).toMatch(new RegExp(`^GET /api/now/table/\\S+ ${basic}$`));
  });
});
