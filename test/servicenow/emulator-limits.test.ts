import { afterEach, describe, expect, it } from 'vitest';
import type { LimitsProfile } from '../../src/emulator/limits/profile.js';
import { createTableApi, credentialsFromEnv, type TableApi, type TableApiOptions } from '../../src/servicenow/index.js';
import { startInstance, type TestInstance } from '../support/emulator.js';

/**
 * The client against the emulator's model of a real instance's limits and failures: the
 * API_INT semaphore, one transaction per session, injected 429/503/resets, and writes that
 * commit and then time out. Back-off sleeps are recorded, not waited.
 */
let sn: TestInstance | undefined;
afterEach(async () => {
  await sn?.close();
  sn = undefined;
});

const reconciler = credentialsFromEnv({ SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'snac' });

async function instanceWith(limits: LimitsProfile, options: Partial<TableApiOptions> = {}): Promise<{ api: TableApi; sn: TestInstance; sleeps: number[] }> {
  sn = await startInstance({ seed: 'demo', limits });
  const sleeps: number[] = [];
  const sleep = (ms: number) => {
    sleeps.push(ms);
    return Promise.resolve();
  };
  return { api: createTableApi({ url: sn.url, credentials: reconciler, sleep, ...options }), sn, sleeps };
}

const truth = (instance: TestInstance) => [...instance.emulator.instance.store.scan('sys_user')].map((row) => row.values['sys_id']).sort();

describe('limits', () => {
  it('never overflow the semaphore or a session queue at the default concurrency', async () => {
    const { api, sn: instance } = await instanceWith({ semaphore: { nodes: 1, threads: 4, queue: 50 }, sessions: { concurrent: 1, maxWaiters: 10 } });
    const tables = ['sys_user', 'sys_user_group', 'sys_user_role', 'sys_user_grmember', 'sys_group_has_role', 'sys_user_has_role', 'sys_user_role_contains'];
    // svc_snac cannot see the grants of security_admin (visible only when elevated): read what is visible.
    await Promise.all([...tables, ...tables, ...tables].map((table) => api.list(table, { fields: ['sys_id'], pageSize: 100, allowHidden: true })));
    const { stats } = instance.emulator;
    expect(stats.byStatus.get(429) ?? 0).toBe(0);
    expect(stats.byStatus.get(202) ?? 0).toBe(0);
    expect(stats.peakSessionWaiters).toBe(0);
    expect(stats.peakConcurrency).toBeLessThanOrEqual(4);
    expect(instance.emulator.sessions.size).toBeLessThanOrEqual(4);
  });
});

describe('faults', () => {
  it('are retried on reads until every row is read once', async () => {
    const faults = { seed: 7, rates: { '503': 0.15, '502': 0.05, '429': 0.05, reset: 0.05 }, schedule: [], retryAfterSeconds: 2, timeoutMs: 1000 };
    const { api, sn: instance, sleeps } = await instanceWith({ faults }, { retry: { attempts: 10 } });
    const rows = await api.list('sys_user', { fields: ['user_name'], pageSize: 20 });
    expect(rows.map((row) => row['sys_id'])).toEqual(truth(instance));
    expect(api.log.totals().retries).toBeGreaterThan(0);
    expect(sleeps).toHaveLength(api.log.totals().retries);
    expect(sleeps).toContain(2000);
  });

  it('make a write that committed and then timed out "unknown", never repeated, and a read-back finds it', async () => {
    const faults = { seed: 1, rates: {}, schedule: [{ request: 1, fault: 'commit-then-timeout' as const }], retryAfterSeconds: 1, timeoutMs: 5000 };
    const { api, sn: instance } = await instanceWith({ faults }, { timeouts: { writeMs: 300 } });
    const result = await api.create('sys_user', { user_name: 'snac_test_ambiguous', first_name: 'snac', last_name: 'test' });
    expect(result.outcome).toBe('unknown');
    expect(result.outcome === 'unknown' && result.error.message).toMatch(/may or may not have been applied: the request timed out after 0\.3 s/);
    expect(instance.emulator.stats.writes).toBe(1);
    const back = await api.list('sys_user', { query: 'user_name=snac_test_ambiguous', fields: ['user_name'] });
    expect(back.map((row) => row['user_name'])).toEqual(['snac_test_ambiguous']);
  });

  it('make a write answered 503 after committing "unknown" too', async () => {
    const faults = { seed: 1, rates: {}, schedule: [{ request: 1, fault: 'commit-then-503' as const }], retryAfterSeconds: 1, timeoutMs: 1000 };
    const { api, sn: instance } = await instanceWith({ faults });
    const result = await api.create('sys_user', { user_name: 'snac_test_503', first_name: 'snac', last_name: 'test' });
    expect(result).toMatchObject({ outcome: 'unknown', error: { code: 'servicenow-outcome-unknown', status: 503 } });
    expect(instance.emulator.instance.findBy('sys_user', 'user_name', 'snac_test_503')).toBeDefined();
    expect(api.log.totals().requests).toBe(1);
  });
});
