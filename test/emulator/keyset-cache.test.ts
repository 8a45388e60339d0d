import { describe, expect, it } from 'vitest';
import { parseKeyset } from '../../src/emulator/http/keyset-cache.js';
import { body, startInstance } from '../support/emulator.js';

describe('keyset page queries', () => {
  it('are recognised with their bounds, in every ^NQ block', () => {
    expect(parseKeyset('active=true^sys_id>abc^ORDERBYsys_id')).toEqual({ base: 'active=true^ORDERBYsys_id', after: 'abc' });
    expect(parseKeyset('a=1^sys_id>k^sys_id<=z^NQb=2^sys_id>k^sys_id<=z^ORDERBYsys_id')).toEqual({ base: 'a=1^NQb=2^ORDERBYsys_id', after: 'k', upTo: 'z' });
    expect(parseKeyset('sys_id>k^ORDERBYsys_id')).toEqual({ base: 'ORDERBYsys_id', after: 'k' });
    expect(parseKeyset('a=1^sys_id>k^NQb=2^ORDERBYsys_id')).toBeUndefined();
    expect(parseKeyset('a=1^ORDERBYsys_id')).toEqual({ base: 'a=1^ORDERBYsys_id' });
    expect(parseKeyset('a=1^sys_id>k^ORDERBYname')).toBeUndefined();
  });

  it('return the same rows as a plain scan, and see writes made between pages', async () => {
    const sn = await startInstance({ seed: 'demo' });
    try {
      const admin = sn.as('admin', 'admin');
      const page = async (query: string) =>
        (await body<{ result: { sys_id: string }[] }>(await admin.get(`/api/now/table/sys_user?sysparm_fields=sys_id&sysparm_limit=10000&sysparm_query=${encodeURIComponent(query)}`))).result.map((r) => r.sys_id);
      // ORDERBY first: the same match, but not in keyset form, so a plain scan answers it.
      const all = await page('ORDERBYsys_id^active=true');
      const middle = all[Math.floor(all.length / 2)] ?? '';
      const last = all[all.length - 10] ?? '';
      expect(await page(`active=true^sys_id>${middle}^sys_id<=${last}^ORDERBYsys_id`)).toEqual(all.filter((id) => id > middle && id <= last));
      const created = await admin.post('/api/now/table/sys_user', { user_name: 'svc_cache_check', active: 'true' });
      const id = (await body<{ result: { sys_id: string } }>(created)).result.sys_id;
      expect(await page(`active=true^sys_id>${'0'.repeat(32)}^ORDERBYsys_id`)).toContain(id);
    } finally {
      await sn.close();
    }
  });
});
