import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main as run } from '../../src/main.js';
import { createTableApi, credentialsFromEnv, ServiceNowError, type Env } from '../../src/servicenow/index.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { captureIo } from '../support/io.js';

/**
 * Authentication first, once, over real HTTP: a wrong password costs at most one failed login,
 * however many requests a command would fan out, so a run can never lock the reconciler out.
 */
let sn: TestInstance;
beforeEach(async () => {
  sn = await startInstance({ seed: 'demo' });
});
afterEach(() => sn.close());

const reconciler = () => sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_snac')?.values ?? {};
const refusals = () => sn.emulator.stats.byRoute.get('unauthenticated') ?? 0;

function apiFor(env: Env) {
  return createTableApi({ url: sn.url, credentials: credentialsFromEnv(env), concurrency: 8 });
}

describe('a wrong password', () => {
  it('costs one failed login when many reads start at once, and every read fails with the same explained refusal', async () => {
    const api = apiFor({ SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'wrong' });
    const tables = ['sys_user', 'sys_user_role', 'sys_user_group', 'sys_user_grmember', 'sys_group_has_role', 'sys_user_has_role', 'sys_user_role_contains', 'sys_properties', 'sysauto_script', 'sys_hub_flow', 'sys_audit'];
    const results = await Promise.allSettled(tables.map((table) => api.list(table, { fields: ['sys_id'] })));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    const errors = results.map((r) => (r as PromiseRejectedResult).reason as ServiceNowError);
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['servicenow-unauthenticated']));
    expect(errors[0]?.fix).toMatch(/cost svc_snac one failed login/);
    expect(errors[0]?.fix).toMatch(/open sys_user svc_snac and look at active, locked_out and failed_attempts/);
    expect(refusals()).toBe(1);
    expect(reconciler()['failed_attempts']).toBe('1');
    await expect(api.create('sys_user', { user_name: 'svc_x' })).rejects.toMatchObject({ code: 'servicenow-unauthenticated' });
    expect(refusals()).toBe(1);
  });

  it('never locks the reconciler, run after run of `snac plan` (the instance locks after 5)', async () => {
    const env = { SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'wrong', SNAC_CLIENT_ID: '', SNAC_CLIENT_SECRET: '' };
    for (let runNumber = 1; runNumber <= 4; runNumber++) {
      const io = captureIo(env, resolve(__dirname, '../..'));
      expect(await run(['plan', '--dir', 'accounts', '--instance-url', sn.url], io)).toBe(1);
      expect(io.err()).toMatch(/401 User Not Authenticated/);
      expect(reconciler()['failed_attempts']).toBe(String(runNumber));
    }
    expect(reconciler()['locked_out']).toBe('false');
    expect(refusals()).toBe(4);
  });

  it('costs one refused token grant with OAuth', async () => {
    const api = apiFor({ SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'wrong', SNAC_CLIENT_ID: 'snac-demo-client', SNAC_CLIENT_SECRET: 'snac-demo-secret' });
    const results = await Promise.allSettled(['sys_user', 'sys_user_role', 'sys_user_group', 'sys_properties'].map((t) => api.list(t, { fields: [] })));
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as ServiceNowError).code : 'ok'))).toEqual(Array(4).fill('servicenow-oauth-denied'));
    expect(api.log.entries().find((e) => e.table === 'oauth_token.do')?.requests).toBe(1);
    expect(reconciler()['failed_attempts']).toBe('1');
  });

  it('lets the right password through: the first request goes alone, then the rest in parallel', async () => {
    const api = apiFor({ SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'snac' });
    const lists = await Promise.all(['sys_user', 'sys_user_role', 'sys_user_group'].map((t) => api.list(t, { fields: [] })));
    expect(lists.every((rows) => rows.length > 0)).toBe(true);
    expect(refusals()).toBe(0);
  });
});
