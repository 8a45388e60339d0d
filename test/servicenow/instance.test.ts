import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableApi, credentialsFromEnv, resolveCredentials, type Credentials, type Row, type TableApi } from '../../src/servicenow/index.js';
import { startInstance, type TestInstance } from '../support/emulator.js';

/**
 * The client against a whole instance: the emulator's demo seed by default, or a real
 * instance (a personal developer instance) when SNAC_TEST_INSTANCE_URL, SNAC_TEST_USERNAME
 * and SNAC_TEST_PASSWORD are set (`npm run test:live`). The same tests run in both modes;
 * only where the truth comes from differs. Records are created and removed only with the
 * prefix snac_test_.
 */
const live = process.env['SNAC_TEST_INSTANCE_URL'];
const PREFIX = 'snac_test_';
const run = `${PREFIX}${randomBytes(4).toString('hex')}_`;
const FIELDS = ['user_name', 'active'];

interface Target {
  readonly url: string;
  readonly credentials: Credentials;
  /** Every sys_user row, as `FIELDS` plus sys_id, sorted by sys_id. */
  allUsers(api: TableApi): Promise<Row[]>;
  close(): Promise<void>;
}

const bySysId = (a: Row, b: Row) => ((a['sys_id'] ?? '') < (b['sys_id'] ?? '') ? -1 : 1);
const pick = (row: Row): Row => Object.fromEntries(['sys_id', ...FIELDS].map((f) => [f, row[f] ?? '']));

async function liveTarget(url: string): Promise<Target> {
  nock.enableNetConnect(new URL(url).host);
  const credentials = resolveCredentials({ type: 'basic', usernameEnv: 'SNAC_TEST_USERNAME', passwordEnv: 'SNAC_TEST_PASSWORD' }, process.env);
  return {
    url,
    credentials,
    // The truth on a real instance: one page large enough for a developer instance's users.
    allUsers: async (api) => (await api.list('sys_user', { fields: FIELDS, pageSize: 10_000 })).map(pick).sort(bySysId),
    close: () => Promise.resolve(),
  };
}

async function emulatorTarget(): Promise<Target> {
  const sn: TestInstance = await startInstance({ seed: 'demo' });
  return {
    url: sn.url,
    credentials: credentialsFromEnv({ SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'snac' }),
    // The truth on the emulator: its own store, read without the API.
    allUsers: () => Promise.resolve([...sn.emulator.instance.store.scan('sys_user')].map((row) => pick(row.values)).sort(bySysId)),
    close: () => sn.close(),
  };
}

let target: Target;
let api: TableApi;

async function removeTestUsers(prefix: string): Promise<void> {
  const leftovers = await api.list('sys_user', { query: `user_nameSTARTSWITH${prefix}`, fields: ['user_name'] });
  for (const row of leftovers) {
    if ((row['user_name'] ?? '').startsWith(PREFIX)) await api.remove('sys_user', row['sys_id'] ?? '');
  }
}

beforeAll(async () => {
  if (process.env['SNAC_TEST_LIVE'] === '1' && !live) {
    throw new Error('npm run test:live needs SNAC_TEST_INSTANCE_URL, SNAC_TEST_USERNAME and SNAC_TEST_PASSWORD (see README, "Testing against a real instance")');
  }
  target = live ? await liveTarget(live) : await emulatorTarget();
  api = createTableApi({ url: target.url, credentials: target.credentials });
  await removeTestUsers(PREFIX);
});

afterAll(async () => {
  await removeTestUsers(run);
  await target.close();
});

describe(`the client against ${live ? 'a real instance' : 'the emulator'}`, () => {
  it('reads every sys_user row through small pages, each once, in sys_id order', async () => {
    const truth = await target.allUsers(api);
    const paged = createTableApi({ url: target.url, credentials: target.credentials, pageSize: 25, concurrency: 1 });
    const rows = await paged.list('sys_user', { fields: FIELDS });
    expect(rows.map(pick)).toEqual(truth);
    const pages = Math.ceil(rows.length / 25);
    expect(paged.log.totals().requests).toBe(rows.length % 25 === 0 ? pages + 1 : pages);
    expect(paged.log.totals().retries).toBe(0);
  });

  it('reads a large table in key ranges side by side: the same rows, at most one extra request per range', async () => {
    const truth = await target.allUsers(api);
    const partitioned = createTableApi({ url: target.url, credentials: target.credentials, pageSize: 25, concurrency: 4 });
    const rows = await partitioned.list('sys_user', { fields: FIELDS });
    expect(rows.map(pick)).toEqual(truth);
    const pages = Math.ceil(rows.length / 25);
    expect(partitioned.log.totals().requests).toBeGreaterThanOrEqual(pages);
    expect(partitioned.log.totals().requests).toBeLessThanOrEqual(pages + 1 + 3);
  });

  it('reads a filtered query with the same rows as one big page', async () => {
    const query = 'active=true^ORDERBYuser_name';
    const paged = createTableApi({ url: target.url, credentials: target.credentials, pageSize: 10 });
    const [small, big] = await Promise.all([
      paged.list('sys_user', { query, fields: FIELDS }),
      api.list('sys_user', { query, fields: FIELDS, pageSize: 10_000 }),
    ]);
    expect(small).toEqual(big);
    expect(small.every((row) => row['active'] === 'true')).toBe(true);
  });

  it('creates, lists by prefix, reads, updates and removes test records', async () => {
    const names = ['a', 'b', 'c'].map((n) => `${run}${n}`);
    for (const name of names) {
      const result = await api.create('sys_user', { user_name: name, first_name: 'snac', last_name: 'test', web_service_access_only: 'true' });
      expect(result).toMatchObject({ outcome: 'ok', row: { user_name: name, web_service_access_only: 'true' } });
    }
    const listed = await createTableApi({ url: target.url, credentials: target.credentials, pageSize: 2 }).list('sys_user', {
      query: `user_nameSTARTSWITH${run}`,
      fields: ['user_name', 'active'],
    });
    expect(listed.map((row) => row['user_name']).sort()).toEqual(names);
    const first = listed.find((row) => row['user_name'] === names[0]);
    const id = first?.['sys_id'] ?? '';
    expect(await api.update('sys_user', id, { active: 'false' })).toMatchObject({ outcome: 'ok', row: { sys_id: id, active: 'false' } });
    expect(await api.get('sys_user', id, ['active'])).toEqual({ sys_id: id, active: 'false' });
    for (const row of listed) expect(await api.remove('sys_user', row['sys_id'] ?? '')).toEqual({ outcome: 'ok' });
    expect(await api.get('sys_user', id, ['user_name'])).toBeUndefined();
  });

  it('explains a write to a record that does not exist', async () => {
    const missing = 'f'.repeat(32);
    await expect(api.update('sys_user', missing, { active: 'false' })).rejects.toThrow(
      `PATCH sys_user/${missing} on ${api.instance} failed with 404 No Record found: Record doesn't exist or ACL restricts the record retrieval`,
    );
  });
});
