import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTableApi, credentialsFromEnv, ServiceNowError, type Env } from '../../src/servicenow/index.js';
import { startInstance, type TestInstance } from '../support/emulator.js';

/**
 * The client's sign-in against the emulator's real /oauth_token.do and Basic checks: form
 * encoding, the grants, token renewal across the instance's own expiry, and the locked-out
 * reconciler of seed 000. Emulator only: these change the instance (lock the account, turn
 * on a property), which a shared real instance must not see.
 */
let sn: TestInstance;
beforeEach(async () => {
  sn = await startInstance({ seed: 'demo' });
});
afterEach(() => sn.close());

const client = { SNAC_CLIENT_ID: 'snac-demo-client', SNAC_CLIENT_SECRET: 'snac-demo-secret' };
const reconciler = { SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'snac' };

function apiFor(env: Env, now?: () => number) {
  return createTableApi({ url: sn.url, credentials: credentialsFromEnv(env), ...(now ? { now } : {}) });
}

function setUser(userName: string, values: Record<string, string>): void {
  const id = sn.emulator.instance.findBy('sys_user', 'user_name', userName)?.values['sys_id'] ?? '';
  sn.emulator.instance.update('sys_user', id, values);
}

describe('OAuth against the emulator', () => {
  it('reads with the password grant, one token for several requests', async () => {
    const api = apiFor({ ...client, ...reconciler });
    const rows = await api.list('sys_user', { query: 'user_name=svc_snac', fields: ['user_name'] });
    await api.list('sys_user_group', { fields: ['name'] });
    expect(rows.map((r) => r['user_name'])).toEqual(['svc_snac']);
    expect(api.log.entries().find((e) => e.table === 'oauth_token.do')?.requests).toBe(1);
  });

  it('renews the token with the refresh grant when the instance clock passes its expiry', async () => {
    let now = Date.now();
    const api = apiFor({ ...client, ...reconciler }, () => now);
    await api.list('sys_user', { query: 'user_name=svc_snac', fields: [] });
    sn.emulator.instance.clock.advance(1790 * 1000);
    now += 1790 * 1000;
    await api.list('sys_user', { query: 'user_name=svc_snac', fields: [] });
    expect(api.log.entries().find((e) => e.table === 'oauth_token.do')?.requests).toBe(2);
    expect(sn.emulator.stats.byRoute.get('oauth')).toBe(2);
  });

  it('reads with client_credentials once the instance allows the grant', async () => {
    const refused = (await apiFor(client).list('sys_user', { fields: [] }).catch((e: unknown) => e)) as ServiceNowError;
    expect(refused.code).toBe('servicenow-oauth-denied');
    expect(refused.fix).toMatch(/glide\.oauth\.inbound\.client\.credential\.grant_type\.enabled=true/);
    sn.emulator.instance.insert('sys_properties', { name: 'glide.oauth.inbound.client.credential.grant_type.enabled', value: 'true', type: 'boolean' });
    expect(await apiFor(client).list('sys_user', { query: 'user_name=svc_snac', fields: ['user_name'] })).toHaveLength(1);
  });
});

describe('a locked-out reconciler (seed 000)', () => {
  it('gets an explained 401 with Basic auth', async () => {
    setUser('svc_snac', { locked_out: 'true' });
    const error = (await apiFor(reconciler).list('sys_user', { fields: [] }).catch((e: unknown) => e)) as ServiceNowError;
    expect(error.message).toBe(`GET sys_user on ${new URL(sn.url).host} failed with 401 User Not Authenticated: Required to provide Auth information`);
    expect(error.fix).toMatch(/set active=true and locked_out=false on sys_user svc_snac/);
  });

  it('is refused a token with the password grant', async () => {
    setUser('svc_snac', { active: 'false' });
    const error = (await apiFor({ ...client, ...reconciler }).list('sys_user', { fields: [] }).catch((e: unknown) => e)) as ServiceNowError;
    expect(error.code).toBe('servicenow-oauth-denied');
    expect(error.fix).toMatch(/be active and not locked out/);
  });
});
