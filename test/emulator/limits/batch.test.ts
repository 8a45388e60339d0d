import { afterEach, describe, expect, it } from 'vitest';
import { addUser, basic, body, startInstance, type TestInstance } from '../../support/emulator.js';
import { asAdmin, stats } from '../../support/limits.js';

let sn: TestInstance | undefined;
afterEach(() => sn?.close());

interface ServicedItem {
  id: string;
  status_code: number;
  status_text: string;
  headers: { name: string; value: string }[];
  body: string;
  execution_time: number;
}
interface BatchReply {
  batch_request_id: string;
  serviced_requests: ServicedItem[];
  unserviced_requests: string[];
}

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const decoded = <T>(item: ServicedItem | undefined): T => JSON.parse(Buffer.from(item?.body ?? '', 'base64').toString('utf8')) as T;
const json = [
  { name: 'Content-Type', value: 'application/json' },
  { name: 'Accept', value: 'application/json' },
];

function batch(url: string, auth: string, rest_requests: unknown[]): Promise<Response> {
  return fetch(`${url}/api/now/v1/batch`, {
    method: 'POST',
    headers: { Authorization: auth, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ batch_request_id: 'batch-1', rest_requests }),
  });
}

describe('the Batch API (POST /api/now/v1/batch)', () => {
  it('runs each item through the Table API and answers with base64 bodies, statuses and headers', async () => {
    sn = await startInstance({ seed: 'empty' });
    const response = await batch(sn.url, basic('admin', 'admin'), [
      { id: 'read', method: 'GET', url: '/api/now/table/sys_user?sysparm_query=user_name=svc_snac&sysparm_fields=user_name', headers: json },
      { id: 'create', method: 'POST', url: '/api/now/table/sys_user_group', headers: json, body: base64({ name: 'Batch Group' }) },
      { id: 'quiet', method: 'GET', url: '/api/now/table/sys_user?sysparm_limit=1', headers: json, exclude_response_headers: true },
    ]);
    expect(response.status).toBe(200);
    const reply = await body<BatchReply>(response);
    expect(reply.batch_request_id).toBe('batch-1');
    expect(reply.unserviced_requests).toEqual([]);
    const [read, create, quiet] = reply.serviced_requests;
    expect(read).toMatchObject({ id: 'read', status_code: 200, status_text: 'OK' });
    expect(decoded(read)).toEqual({ result: [{ user_name: 'svc_snac' }] });
    expect(read?.headers).toContainEqual({ name: 'X-Total-Count', value: '1' });
    expect(create).toMatchObject({ id: 'create', status_code: 201, status_text: 'Created' });
    expect(decoded<{ result: { name: string } }>(create).result.name).toBe('Batch Group');
    expect(create?.headers.find((h) => h.name === 'Location')?.value).toMatch(/\/api\/now\/table\/sys_user_group\/[0-9a-f]{32}$/);
    expect(quiet?.headers).toEqual([]);
    expect(typeof read?.execution_time).toBe('number');
    expect(sn.emulator.instance.findBy('sys_user_group', 'name', 'Batch Group')).toBeDefined();

    const counted = await stats(sn.url);
    expect(counted.byRoute).toEqual({ 'POST batch': 1 });
    expect(counted.writes).toBe(1);
  });

  it("checks each item against the caller's ACLs: a denied item is answered in place and the batch stays 200", async () => {
    sn = await startInstance({ seed: 'empty' });
    addUser(sn.emulator, 'reader', 'pw');
    const response = await batch(sn.url, basic('reader', 'pw'), [
      { id: '1', method: 'POST', url: '/api/now/table/sys_user_role', headers: json, body: base64({ name: 'u_batch_role' }) },
      { id: '2', method: 'GET', url: '/api/now/table/sys_user?sysparm_limit=1', headers: json },
      { id: '3', method: 'GET', url: '/api/now/nothing/here', headers: json },
    ]);
    expect(response.status).toBe(200);
    const [denied, allowed, nowhere] = (await body<BatchReply>(response)).serviced_requests;
    expect(denied?.status_code).toBe(403);
    expect(decoded(denied)).toEqual({
      error: { message: 'Operation Failed', detail: 'ACL Exception Insert Failed due to security constraints' },
      status: 'failure',
    });
    expect(allowed?.status_code).toBe(200);
    expect(nowhere?.status_code).toBe(400);
    expect(decoded(nowhere)).toEqual({ error: { message: 'Requested URI does not represent any resource', detail: null }, status: 'failure' });
    expect(sn.emulator.instance.findBy('sys_user_role', 'name', 'u_batch_role')).toBeUndefined();
  });

  it('needs credentials, POST and a list of rest_requests', async () => {
    sn = await startInstance({ seed: 'empty' });
    expect((await batch(sn.url, basic('admin', 'wrong'), [])).status).toBe(401);
    expect((await asAdmin(sn.url, '/api/now/v1/batch')).status).toBe(405);
    const malformed = await asAdmin(sn.url, '/api/now/v1/batch', { method: 'POST', body: JSON.stringify({ batch_request_id: 'x' }) });
    expect(malformed.status).toBe(400);
    const noUrl = await batch(sn.url, basic('admin', 'admin'), [{ id: '1', method: 'GET' }]);
    expect((await body<{ error: { detail: string } }>(noUrl)).error.detail).toBe('rest_requests[0] needs id, method and url');
  });
});
