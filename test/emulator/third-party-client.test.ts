import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstance, type TestInstance } from '../support/emulator.js';

/**
 * A client written only from ServiceNow's documented REST API, the way third-party tools
 * (Ansible's servicenow.itsm, pysnow, Okta's connector) talk to an instance: raw HTTP,
 * Basic auth, JSON, X-Total-Count / Link paging. It shares no code with snac.
 */
interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function call(base: string, method: string, path: string, payload?: unknown): Promise<RawResponse> {
  const url = new URL(path, base);
  const data = payload === undefined ? undefined : JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        headers: {
          Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`,
          Accept: 'application/json',
          ...(data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

/** Ansible servicenow.itsm's paging: `while offset < int(headers["x-total-count"])`. */
async function listAllByCount(base: string, table: string, query: string, limit: number): Promise<Record<string, string>[]> {
  const records: Record<string, string>[] = [];
  let offset = 0;
  let total = 1;
  while (offset < total) {
    const params = new URLSearchParams({ sysparm_query: query, sysparm_limit: String(limit), sysparm_offset: String(offset), sysparm_exclude_reference_link: 'true' });
    const res = await call(base, 'GET', `/api/now/table/${table}?${params}`);
    if (res.status !== 200) throw new Error(`GET ${table}: ${res.status} ${res.text}`);
    records.push(...(JSON.parse(res.text) as { result: Record<string, string>[] }).result);
    total = Number(res.headers['x-total-count']);
    offset += limit;
  }
  return records;
}

/** pysnow-style paging: follow the Link header's rel="next" until there is none. */
async function listAllByLink(base: string, path: string): Promise<Record<string, string>[]> {
  const records: Record<string, string>[] = [];
  let next: string | undefined = path;
  while (next) {
    const res = await call(base, 'GET', next);
    records.push(...(JSON.parse(res.text) as { result: Record<string, string>[] }).result);
    const link = String(res.headers['link'] ?? '');
    next = /<([^>]+)>;rel="next"/.exec(link)?.[1];
  }
  return records;
}

let sn: TestInstance;
beforeAll(async () => {
  sn = await startInstance({ seed: 'demo' });
});
afterAll(() => sn.close());

describe('a third-party client written from the documentation works unchanged', () => {
  it('pages through every person by X-Total-Count and by Link headers, getting the same rows', async () => {
    const query = 'identity_type=human^ORDERBYuser_name';
    const byCount = await listAllByCount(sn.url, 'sys_user', query, 37);
    const byLink = await listAllByLink(sn.url, `/api/now/table/sys_user?sysparm_query=${encodeURIComponent(query)}&sysparm_limit=37&sysparm_fields=user_name`);
    expect(byCount.length).toBeGreaterThanOrEqual(250);
    expect(byLink.map((r) => r['user_name'])).toEqual(byCount.map((r) => r['user_name']));
    expect(new Set(byCount.map((r) => r['sys_id'])).size).toBe(byCount.length);
  });

  it('provisions an integration account the documented way: create user, add to group, read back its roles, update, delete', async () => {
    const created = await call(sn.url, 'POST', '/api/now/table/sys_user', {
      user_name: 'svc_thirdparty',
      first_name: 'Third',
      last_name: 'Party',
      web_service_access_only: 'true',
    });
    expect(created.status).toBe(201);
    const user = (JSON.parse(created.text) as { result: { sys_id: string } }).result;
    expect(created.headers['location']).toBe(`${sn.url}/api/now/table/sys_user/${user.sys_id}`);

    const groups = await listAllByCount(sn.url, 'sys_user_group', 'name=ServiceNow Service Accounts', 10);
    const member = await call(sn.url, 'POST', '/api/now/table/sys_user_grmember', { user: user.sys_id, group: groups[0]?.['sys_id'] });
    expect(member.status).toBe(201);
    expect(JSON.parse(member.text).result.user).toEqual({ link: `${sn.url}/api/now/table/sys_user/${user.sys_id}`, value: user.sys_id });

    const roles = await listAllByCount(sn.url, 'sys_user_has_role', `user=${user.sys_id}`, 100);
    const roleNames = await Promise.all(
      roles.map(async (r) => JSON.parse((await call(sn.url, 'GET', `/api/now/table/sys_user_role/${r['role']}`)).text).result.name as string),
    );
    expect(roleNames).toEqual(expect.arrayContaining(['itil', 'rest_api_explorer']));

    const patched = await call(sn.url, 'PATCH', `/api/now/table/sys_user/${user.sys_id}`, { active: false });
    expect(patched.status).toBe(200);
    expect(JSON.parse(patched.text).result.active).toBe('false');

    const deleted = await call(sn.url, 'DELETE', `/api/now/table/sys_user/${user.sys_id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await call(sn.url, 'GET', `/api/now/table/sys_user/${user.sys_id}`)).status).toBe(404);
  });
});
