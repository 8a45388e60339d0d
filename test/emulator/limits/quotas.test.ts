import { afterEach, describe, expect, it } from 'vitest';
import { body, startInstance, type TestInstance } from '../../support/emulator.js';
import { asAdmin, latency, RecordedTime, stats } from '../../support/limits.js';

let sn: TestInstance | undefined;
afterEach(() => sn?.close());

const QUOTAS = { tableMs: 60_000, batchMs: 30_000 };

describe('transaction quotas, in emulated server time', () => {
  it('cancels a Table API transaction whose server time passes 60 s, after spending the 60 s', async () => {
    const time = new RecordedTime();
    sn = await startInstance({ seed: 'empty', limits: { latency: latency({ rowReadMs: 40_000 }), quotas: QUOTAS }, sleep: time.sleep });
    expect((await asAdmin(sn.url, '/api/now/table/sys_user?sysparm_limit=1')).status).toBe(200);
    expect(time.waits).toEqual([40_000]);

    const cancelled = await asAdmin(sn.url, '/api/now/table/sys_user?sysparm_limit=2');
    expect(cancelled.status).toBe(500);
    expect(await body(cancelled)).toEqual({
      error: {
        message: 'Transaction cancelled: maximum execution time exceeded',
        detail: 'Transaction cancelled: maximum execution time exceeded',
      },
      status: 'failure',
    });
    expect(time.waits).toEqual([40_000, 60_000]);
    expect((await stats(sn.url)).rejections).toEqual({ quota: 1 });
  });

  it('stops a batch at 30 s: the items that would pass it are unserviced, and their writes never happen', async () => {
    const time = new RecordedTime();
    sn = await startInstance({ seed: 'empty', limits: { latency: latency({ writeMs: 12_000 }), quotas: QUOTAS }, sleep: time.sleep });
    const item = (n: number) => ({
      id: `g${n}`,
      method: 'POST',
      url: '/api/now/table/sys_user_group',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      body: Buffer.from(JSON.stringify({ name: `Quota group ${n}` })).toString('base64'),
    });
    const response = await asAdmin(sn.url, '/api/now/v1/batch', {
      method: 'POST',
      body: JSON.stringify({ batch_request_id: 'q', rest_requests: [1, 2, 3, 4].map(item) }),
    });
    expect(response.status).toBe(200);
    const reply = await body<{ serviced_requests: { id: string; status_code: number; execution_time: number }[]; unserviced_requests: string[] }>(
      response,
    );
    expect(reply.serviced_requests.map(({ id, status_code, execution_time }) => [id, status_code, execution_time])).toEqual([
      ['g1', 201, 12_000],
      ['g2', 201, 12_000],
    ]);
    expect(reply.unserviced_requests).toEqual(['g3', 'g4']);
    expect(sn.emulator.instance.findBy('sys_user_group', 'name', 'Quota group 2')).toBeDefined();
    expect(sn.emulator.instance.findBy('sys_user_group', 'name', 'Quota group 3')).toBeUndefined();
    expect(time.waits).toEqual([12_000, 12_000, 6_000]);
  });

  it('discards a read that would carry a batch past its quota, and lists it unserviced', async () => {
    const time = new RecordedTime();
    sn = await startInstance({ seed: 'demo', limits: { latency: latency({ rowReadMs: 10_000 }), quotas: QUOTAS }, sleep: time.sleep });
    const read = (id: string, limit: number) => ({ id, method: 'GET', url: `/api/now/table/sys_user?sysparm_limit=${limit}`, headers: [] });
    const response = await asAdmin(sn.url, '/api/now/v1/batch', {
      method: 'POST',
      body: JSON.stringify({ batch_request_id: 'r', rest_requests: [read('small', 1), read('big', 5), read('after', 1)] }),
    });
    const reply = await body<{ serviced_requests: { id: string }[]; unserviced_requests: string[] }>(response);
    expect(reply.serviced_requests.map((s) => s.id)).toEqual(['small']);
    expect(reply.unserviced_requests).toEqual(['big', 'after']);
  });
});
