import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeedWriter } from '../../src/emulator/seeds/writer.js';
import { addUser, basic, body, startInstance, type TestInstance } from '../support/emulator.js';

let sn: TestInstance;
beforeEach(async () => {
  sn = await startInstance({ seed: 'empty' });
});
afterEach(() => sn.close());

const unauthenticated = {
  error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
  status: 'failure',
};

function user(name: string) {
  return sn.emulator.instance.findBy('sys_user', 'user_name', name)?.values ?? {};
}

async function token(form: Record<string, string>): Promise<Response> {
  return fetch(`${sn.url}/oauth_token.do`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
}

describe('Basic authentication', () => {
  it('answers 401 with WWW-Authenticate and the standard body without credentials', async () => {
    const response = await fetch(`${sn.url}/api/now/table/sys_user`, { headers: { Accept: 'application/json' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('BASIC realm="Service-now"');
    expect(await body(response)).toEqual(unauthenticated);
  });

  it('counts wrong passwords in failed_attempts and locks the account at the fifth', async () => {
    for (let i = 1; i <= 5; i++) {
      const response = await sn.as('svc_snac', 'wrong').get('/api/now/table/sys_user');
      expect(response.status).toBe(401);
      expect(await body(response)).toEqual(unauthenticated);
      expect(user('svc_snac')['failed_attempts']).toBe(String(i));
    }
    expect(user('svc_snac')['locked_out']).toBe('true');
    expect((await sn.as('svc_snac', 'snac').get('/api/now/table/sys_user')).status).toBe(401);
  });

  it('resets failed_attempts after a successful login', async () => {
    await sn.as('svc_snac', 'wrong').get('/api/now/table/sys_user');
    expect(user('svc_snac')['failed_attempts']).toBe('1');
    expect((await sn.as('svc_snac', 'snac').get('/api/now/table/sys_user')).status).toBe(200);
    expect(user('svc_snac')['failed_attempts']).toBe('0');
  });

  it('refuses inactive and locked-out users even with the right password', async () => {
    addUser(sn.emulator, 'svc_gone', 'pw', { roles: ['itil'] });
    sn.emulator.instance.update('sys_user', user('svc_gone')['sys_id'] ?? '', { active: 'false' });
    expect((await sn.as('svc_gone', 'pw').get('/api/now/table/sys_user')).status).toBe(401);
    addUser(sn.emulator, 'svc_locked', 'pw');
    sn.emulator.instance.update('sys_user', user('svc_locked')['sys_id'] ?? '', { locked_out: 'true' });
    expect((await sn.as('svc_locked', 'pw').get('/api/now/table/sys_user')).status).toBe(401);
  });

  it('can deny Basic auth to interactive users (new-instance restriction switch)', async () => {
    sn.emulator.instance.settings = { ...sn.emulator.instance.settings, basicAuthNonInteractiveOnly: true };
    expect((await sn.as('admin', 'admin').get('/api/now/table/sys_user')).status).toBe(401);
    expect((await sn.as('svc_snac', 'snac').get('/api/now/table/sys_user')).status).toBe(200);
  });

  it('sets a JSESSIONID cookie that continues the session without credentials, until the user is locked', async () => {
    const first = await sn.as('svc_snac', 'snac').get('/api/now/table/sys_user?sysparm_limit=1');
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^JSESSIONID=[0-9A-F]{32}$/);
    const again = await fetch(`${sn.url}/api/now/table/sys_user?sysparm_limit=1`, { headers: { Accept: 'application/json', Cookie: cookie } });
    expect(again.status).toBe(200);
    expect(again.headers.get('set-cookie')).toBeNull();
    sn.emulator.instance.update('sys_user', user('svc_snac')['sys_id'] ?? '', { locked_out: 'true' });
    const locked = await fetch(`${sn.url}/api/now/table/sys_user?sysparm_limit=1`, { headers: { Accept: 'application/json', Cookie: cookie } });
    expect(locked.status).toBe(401);
  });
});

describe('OAuth 2.0 at /oauth_token.do', () => {
  beforeEach(() => {
    new SeedWriter(sn.emulator).oauthClient({ name: 'snac', clientId: 'client-1', clientSecret: 'shh', applicationUser: 'svc_snac' });
  });

  it('issues, reuses and expires password-grant tokens, and refreshes them', async () => {
    const form = { grant_type: 'password', client_id: 'client-1', client_secret: 'shh', username: 'svc_snac', password: 'snac' };
    const first = await token(form);
    expect(first.status).toBe(200);
    const issued = await body<{ access_token: string; refresh_token: string; scope: string; token_type: string; expires_in: number }>(first);
    expect(issued).toMatchObject({ scope: 'useraccount', token_type: 'Bearer' });
    expect(issued.expires_in).toBeGreaterThanOrEqual(1798);
    expect(issued.expires_in).toBeLessThanOrEqual(1800);
    const second = await body<{ access_token: string }>(await token(form));
    expect(second.access_token).toBe(issued.access_token);

    const bearer = { Accept: 'application/json', Authorization: `Bearer ${issued.access_token}` };
    expect((await fetch(`${sn.url}/api/now/table/sys_user?sysparm_limit=1`, { headers: bearer })).status).toBe(200);
    sn.emulator.instance.clock.advance(1801 * 1000);
    expect((await fetch(`${sn.url}/api/now/table/sys_user?sysparm_limit=1`, { headers: bearer })).status).toBe(401);

    const refreshed = await token({ grant_type: 'refresh_token', client_id: 'client-1', client_secret: 'shh', refresh_token: issued.refresh_token });
    expect(refreshed.status).toBe(200);
    const renewed = await body<{ access_token: string; refresh_token?: string }>(refreshed);
    expect(renewed.access_token).not.toBe(issued.access_token);
    expect(renewed.refresh_token).toBeUndefined();
    const headers = { Accept: 'application/json', Authorization: `Bearer ${renewed.access_token}` };
    expect((await fetch(`${sn.url}/api/now/table/sys_user?sysparm_limit=1`, { headers })).status).toBe(200);
  });

  it('answers every failure with 401 access_denied / server_error', async () => {
    const failures = [
      { grant_type: 'password', client_id: 'client-1', client_secret: 'wrong', username: 'svc_snac', password: 'snac' },
      { grant_type: 'password', client_id: 'client-1', client_secret: 'shh', username: 'svc_snac', password: 'wrong' },
      { grant_type: 'client_credentials', client_id: 'client-1', client_secret: 'shh' },
      { grant_type: 'refresh_token', client_id: 'client-1', client_secret: 'shh', refresh_token: 'nope' },
    ];
    for (const form of failures) {
      const response = await token(form);
      expect(response.status).toBe(401);
      expect(await body(response)).toEqual({ error_description: 'access_denied', error: 'server_error' });
    }
  });

  it('allows client_credentials only once the property enables it, acting as the application user', async () => {
    new SeedWriter(sn.emulator).property('glide.oauth.inbound.client.credential.grant_type.enabled', 'true');
    const response = await token({ grant_type: 'client_credentials', client_id: 'client-1', client_secret: 'shh' });
    expect(response.status).toBe(200);
    const issued = await body<{ access_token: string; refresh_token?: string }>(response);
    expect(issued.refresh_token).toBeUndefined();
    const created = await fetch(`${sn.url}/api/now/table/sys_user_group`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${issued.access_token}` },
      body: JSON.stringify({ name: 'Made By Token' }),
    });
    expect(created.status).toBe(201);
    expect((await body(created)).result['sys_created_by']).toBe('svc_snac');
  });

  it('refuses tokens of a user deactivated after issue', async () => {
    const issued = await body<{ access_token: string }>(
      await token({ grant_type: 'password', client_id: 'client-1', client_secret: 'shh', username: 'svc_snac', password: 'snac' }),
    );
    sn.emulator.instance.update('sys_user', user('svc_snac')['sys_id'] ?? '', { active: 'false' });
    const response = await fetch(`${sn.url}/api/now/table/sys_user`, { headers: { Accept: 'application/json', Authorization: `Bearer ${issued.access_token}` } });
    expect(response.status).toBe(401);
  });
});

describe('UI login', () => {
  const login = (userName: string, password: string) =>
    fetch(`${sn.url}/login.do`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user_name: userName, user_password: password }).toString(),
    });

  it('lets an interactive user in and refuses a web_service_access_only user whose API access still works', async () => {
    const person = await login('admin', 'admin');
    expect(person.status).toBe(302);
    expect(person.headers.get('location')).toBe('/navpage.do');
    const service = await login('svc_snac', 'snac');
    expect(service.status).toBe(200);
    expect(await service.text()).toContain('User name or password invalid');
    expect((await sn.as('svc_snac', 'snac').get('/api/now/table/sys_user?sysparm_limit=1')).status).toBe(200);
  });
});

describe('credentials are checked per request', () => {
  it('verifies Basic credentials sent along with a valid cookie', async () => {
    const first = await sn.as('svc_snac', 'snac').get('/api/now/table/sys_user?sysparm_limit=1');
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const response = await fetch(`${sn.url}/api/now/table/sys_user?sysparm_limit=1`, {
      headers: { Accept: 'application/json', Cookie: cookie, Authorization: basic('svc_snac', 'wrong') },
    });
    expect(response.status).toBe(401);
  });
});
