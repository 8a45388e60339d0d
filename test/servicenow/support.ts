import { createHash } from 'node:crypto';
import nock from 'nock';
import { createTableApi, Secret, type Credentials, type TableApi, type TableApiOptions } from '../../src/servicenow/index.js';

export const URL_ = 'https://dev12345.service-now.com';
export const TABLE_PATH = '/api/now/table';

export const PASSWORD = 'Tr0ub4dor&3-reconciler';
export const CLIENT_SECRET = 'c1ient-s3cret-Zq8v';
export const ACCESS_TOKEN = 'AT-2wRlsq0JpZ6Lp1cv8ZrSm6Hbn-first';
export const ACCESS_TOKEN_2 = 'AT-9xKdpa4LmQ0wYt7Ue2Ci5Gh3-second';
export const REFRESH_TOKEN = 'RT-jZPdkM3nVb81qQxWe4Ty7Ui0';
export const BASIC_HEADER = `Basic ${Buffer.from(`svc_snac:${PASSWORD}`).toString('base64')}`;
export const SESSION_COOKIE = 'E1B2C3D4F5A6978899AABBCCDDEEFF00';

export const basicCredentials: Credentials = { type: 'basic', username: 'svc_snac', password: new Secret(PASSWORD), source: 'SNAC_USERNAME / SNAC_PASSWORD' };
export const passwordGrant: Credentials = {
  type: 'oauth',
  grant: 'password',
  clientId: 'snac-client',
  clientSecret: new Secret(CLIENT_SECRET),
  username: 'svc_snac',
  password: new Secret(PASSWORD),
  source: 'SNAC_CLIENT_ID / SNAC_CLIENT_SECRET / SNAC_USERNAME / SNAC_PASSWORD',
};
export const clientCredentialsGrant: Credentials = {
  type: 'oauth',
  grant: 'client_credentials',
  clientId: 'snac-client',
  clientSecret: new Secret(CLIENT_SECRET),
  source: 'SNAC_CLIENT_ID / SNAC_CLIENT_SECRET',
};


/** A clock and a sleep that only record: tests never wait for real time. */
export class FakeTime {
  nowMs = Date.parse('2026-03-02T10:00:00Z');
  readonly sleeps: number[] = [];
  readonly now = () => this.nowMs;
  readonly sleep = (ms: number) => {
    this.sleeps.push(ms);
    this.nowMs += ms;
    return Promise.resolve();
  };
}

export interface Harness {
  readonly api: TableApi;
  readonly time: FakeTime;
  readonly scope: nock.Scope;
}

/** A TableApi against the nocked instance, with recorded sleeps and a fixed random. */
export function harness(options: Partial<TableApiOptions> = {}): Harness {
  const time = new FakeTime();
  const api = createTableApi({ url: URL_, credentials: basicCredentials, sleep: time.sleep, now: time.now, random: () => 0.5, ...options });
  return { api, time, scope: nock(URL_) };
}

/** A 32-hex sys_id derived from a name, so fixtures are stable and sort like real ones. */
export function sysId(name: string): string {
  return createHash('md5').update(name).digest('hex');
}

/** A sys_user row as the Table API returns it with display values off and links excluded. */
export function userRow(userName: string, extra: Record<string, string> = {}): Record<string, string> {
  return { sys_id: sysId(userName), user_name: userName, active: 'true', locked_out: 'false', manager: '', ...extra };
}

/** The headers of a real Table API answer; X-Total-Count only when counted. */
export function tableHeaders(total?: number): Record<string, string> {
  return {
    'Content-Type': 'application/json;charset=UTF-8',
    'Server-Timing': 'sem_wait;dur=0, sesh_wait;dur=0',
    Pragma: 'no-store,no-cache',
    'Cache-Control': 'no-cache,no-store,must-revalidate,max-age=-1',
    ...(total === undefined ? {} : { 'X-Total-Count': String(total) }),
  };
}

/** A ServiceNow error answer, ready to spread into nock's reply(). */
export function envelope(status: number, message: string, detail: string | null): [number, nock.Body, Record<string, string>] {
  return [status, { error: { message, detail }, status: 'failure' }, { 'Content-Type': 'application/json;charset=UTF-8' }];
}

/** Parse the query string of an intercepted request path. */
export function paramsOf(uri: string): URLSearchParams {
  return new URL(uri, URL_).searchParams;
}

export interface FakeRequest {
  readonly query: string;
  readonly offset: number;
  readonly limit: number;
  readonly count: boolean;
}

/**
 * An instance-side table that answers pages the way ServiceNow does: the limit cuts the
 * matching rows first and read ACLs drop hidden rows after, X-Total-Count counts before ACLs.
 * It understands the keyset condition `sys_id>x` and orders by sys_id. `beforePage` can
 * change the table between requests (rows inserted or deleted mid-read).
 */
export class FakeTable {
  private rows = new Map<string, Record<string, string>>();
  readonly hidden = new Set<string>();
  readonly requests: FakeRequest[] = [];
  beforePage: (request: number, table: FakeTable) => void = () => undefined;

  constructor(rows: readonly Record<string, string>[] = []) {
    for (const row of rows) this.insert(row);
  }

  insert(row: Record<string, string>): void {
    this.rows.set(row['sys_id'] ?? '', row);
  }

  delete(id: string): void {
    this.rows.delete(id);
  }

  hide(id: string): void {
    this.hidden.add(id);
  }

  /** All rows, in sys_id order. */
  all(): Record<string, string>[] {
    return [...this.rows.values()].sort((a, b) => ((a['sys_id'] ?? '') < (b['sys_id'] ?? '') ? -1 : 1));
  }

  visible(): Record<string, string>[] {
    return this.all().filter((row) => !this.hidden.has(row['sys_id'] ?? ''));
  }

  answer(request: FakeRequest): { rows: Record<string, string>[]; total: number | undefined } {
    this.beforePage(this.requests.length, this);
    this.requests.push(request);
    const after = /(?:^|\^)sys_id>([^^=]+)/.exec(request.query)?.[1];
    const upTo = /(?:^|\^)sys_id<=([^^]+)/.exec(request.query)?.[1];
    const matched = this.all().filter((row) => (after === undefined || (row['sys_id'] ?? '') > after) && (upTo === undefined || (row['sys_id'] ?? '') <= upTo));
    const page = matched.slice(request.offset, request.offset + request.limit);
    return { rows: page.filter((row) => !this.hidden.has(row['sys_id'] ?? '')), total: request.count ? matched.length : undefined };
  }

  /** A nock reply function serving this table over the Table API. */
  reply(): (uri: string) => [number, nock.Body, Record<string, string>] {
    return (uri) => {
      const p = paramsOf(uri);
      const page = this.answer({
        query: p.get('sysparm_query') ?? '',
        offset: Number(p.get('sysparm_offset') ?? 0),
        limit: Number(p.get('sysparm_limit') ?? 10000),
        count: p.get('sysparm_no_count') !== 'true',
      });
      return [200, { result: page.rows }, tableHeaders(page.total)];
    };
  }
}

/** n users named prefix0..prefix(n-1), in sys_id order as a page returns them. */
export function users(n: number, prefix = 'svc_'): Record<string, string>[] {
  return Array.from({ length: n }, (_, i) => userRow(`${prefix}${i}`)).sort((a, b) => ((a['sys_id'] ?? '') < (b['sys_id'] ?? '') ? -1 : 1));
}

/** A transport failure as Node reports it (nock needs an Error instance for axios to see it). */
export function socketError(code: string): Error {
  return Object.assign(new Error(`simulated ${code}`), { code });
}
