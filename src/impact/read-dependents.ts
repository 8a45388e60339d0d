import { OAUTH_APPLICATION_USER, OAUTH_CLIENT, OAUTH_CLIENT_QUERY } from '../kinds/oauth-client.js';
import { inQueries } from '../kinds/query.js';
import { keyOf } from '../kinds/row-fields.js';
import { readRows } from '../kinds/read-rows.js';
import { AUTH_PROFILES, FLOWS, SCHEDULED_JOBS } from '../kinds/reference-tables.js';
import { RECORD_KINDS } from '../kinds/registry.js';
import type { TableReader } from '../kinds/table-reader.js';
import {
  AUTH_PROFILE_FIELDS,
  authProfileOf,
  type Dependents,
  FLOW_FIELDS,
  flowOf,
  JOB_FIELDS,
  jobOf,
  RUN_AS_USER_FIELDS,
  runAsUserOf,
} from './dependents.js';


const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byName = <T extends { name: string }>(rows: readonly T[]) => [...rows].sort((a, b) => compare(a.name, b.name));

/**
 * Read what runs as accounts: active jobs with a run-as user, active flows, Basic auth profiles
 * (never their passwords), active OAuth clients bound to a user (never their secrets), then the
 * users those name, each in one paged bulk query (IN lists chunked), never one request per account. A table the caller may not read comes back empty:
 * `snac audit` checks that snac's account can read them.
 */
export async function readDependents(api: TableReader, options: { readonly pageSize?: number } = {}): Promise<Dependents> {
  const paging = { ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }), allowHidden: true };
  const read = (table: string, queries: readonly string[], fields: readonly string[]) => readRows(api, table, queries, fields, paging);
  const clientUser = `${OAUTH_APPLICATION_USER}.user_name`;
  const [jobRows, flowRows, profileRows, clientRows] = await Promise.all([
    read(SCHEDULED_JOBS.table, [SCHEDULED_JOBS.query], JOB_FIELDS),
    read(FLOWS.table, [FLOWS.query], FLOW_FIELDS),
    read(AUTH_PROFILES.table, [AUTH_PROFILES.query], AUTH_PROFILE_FIELDS),
    read(OAUTH_CLIENT.table, [`${OAUTH_CLIENT_QUERY}^active=true^${OAUTH_APPLICATION_USER}ISNOTEMPTY`], ['name', clientUser]),
  ]);
  const roleIds = new Set(flowRows.flatMap((row) => (row['run_with_roles'] ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '')));
  const jobs = jobRows.map(jobOf);
  const authProfiles = profileRows.map(authProfileOf).filter((p) => p.username !== '');
  const oauthClients = clientRows.map((row) => ({ name: row['name'] ?? '', account: keyOf(row[clientUser]) })).filter((c) => c.account !== '');
  const userNames = new Set([...jobs.map((j) => j.runAs), ...authProfiles.map((p) => p.username), ...oauthClients.map((c) => c.account)].filter((u) => u !== ''));
  const [roleRows, userRows] = await Promise.all([
    read(RECORD_KINDS.Role.table, inQueries('sys_id', roleIds), ['name']),
    read(RECORD_KINDS.ServiceAccount.table, inQueries(RECORD_KINDS.ServiceAccount.keyField, userNames), RUN_AS_USER_FIELDS),
  ]);
  const roleNames = new Map(roleRows.map((row) => [row['sys_id'] ?? '', keyOf(row['name'])]));
  return {
    jobs: byName(jobs),
    flows: byName(flowRows.map((row) => flowOf(row, roleNames))),
    authProfiles: byName(authProfiles),
    oauthClients: byName(oauthClients),
    users: userRows.map(runAsUserOf).sort((a, b) => compare(a.key, b.key)),
  };
}
