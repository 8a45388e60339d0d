import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, startInstance, type TestInstance } from '../support/emulator.js';

let sn: TestInstance;
beforeAll(async () => {
  sn = await startInstance({ seed: 'empty' });
});
afterAll(() => sn.close());

const control = (method: string, path: string, payload?: unknown) =>
  fetch(`${sn.url}/__snac/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });

describe('test-only control endpoints under /__snac/', () => {
  it('reports request statistics per route and status', async () => {
    await control('POST', 'stats/reset');
    const sizes: number[] = [];
    for (const limit of [3, 1]) {
      const page = await sn.as('admin', 'admin').get(`/api/now/table/sys_user?sysparm_limit=${limit}`);
      sizes.push((await body<{ result: unknown[] }>(page)).result.length);
    }
    expect(sizes[1]).toBe(1);
    await sn.as('admin', 'wrong').get('/api/now/table/sys_user');
    const stats = await body<{ requests: number; rowsServed: number; byRoute: Record<string, number>; byStatus: Record<string, number> }>(
      await control('GET', 'stats'),
    );
    expect(stats.requests).toBe(3);
    expect(stats.rowsServed).toBe((sizes[0] ?? 0) + 1);
    expect(sizes[0]).toBeGreaterThan(1);
    expect(stats.byRoute).toEqual({ 'GET table/sys_user': 2, unauthenticated: 1 });
    expect(stats.byStatus).toEqual({ '200': 2, '401': 1 });
  });

  it('loads a seed and resets to empty', async () => {
    expect((await control('POST', 'seed', { seed: 'demo' })).status).toBe(200);
    expect(sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_cmdb_import')).toBeDefined();
    expect((await control('POST', 'reset', {})).status).toBe(200);
    expect(sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_cmdb_import')).toBeUndefined();
    expect(sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_snac')).toBeDefined();
  });

  it('moves the clock and changes settings, refusing unknown ones', async () => {
    const before = sn.emulator.instance.clock.now();
    expect((await control('POST', 'clock', { advanceSeconds: 3600 })).status).toBe(200);
    expect(sn.emulator.instance.clock.now() - before).toBeGreaterThanOrEqual(3_600_000);
    expect((await control('PATCH', 'settings', { maxFailedAttempts: 2 })).status).toBe(200);
    expect(sn.emulator.instance.settings.maxFailedAttempts).toBe(2);
    const bad = await control('PATCH', 'settings', { nope: true });
    expect(bad.status).toBe(400);
    expect(await body(bad)).toEqual({ error: 'unknown settings: nope' });
  });

  it('exports and imports the whole state', async () => {
    const state = await body<{ format: string; tables: Record<string, unknown[]> }>(await control('GET', 'state'));
    expect(state.format).toBe('snac-emulator/1');
    expect(state.tables['sys_user']?.length).toBeGreaterThan(1);
    await control('POST', 'seed', { seed: 'demo' });
    expect((await control('PUT', 'state', state)).status).toBe(200);
    expect(sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_cmdb_import')).toBeUndefined();
  });

  it('names an unknown control endpoint and points at the docs', async () => {
    const response = await control('GET', 'nope');
    expect(response.status).toBe(404);
    expect(await body(response)).toEqual({ error: 'no control endpoint GET nope; see README "Emulator control endpoints"' });
  });
});
