import { naturalKey } from '../model/keys.js';
import { scaleAccount } from '../emulator/seeds/scale.js';
import { ACTIVE_ADMINS_QUERY } from '../kinds/direct-role.js';
import type { LiveState } from '../kinds/live.js';
import { ALL_LINK_KINDS, ALL_RECORD_KINDS, RECORD_KINDS } from '../kinds/registry.js';
import { rowCountsByTable } from '../kinds/row-counts.js';
import { PERSON_TABLE } from '../kinds/service-account.js';
import { DEFAULT_CONFIG } from '../model/config.js';
import type { DesiredServiceAccount, DesiredState } from '../kinds/desired.js';
import type { WarmQuery } from './emulator-process.js';

const at = { file: 'bench', line: 1, column: 1 };
const declared = <T>(value: T) => ({ value, at });

/**
 * The declarations of `scale:N`'s service accounts as a team would keep them: every account
 * with its owner, purpose, fields, groups and direct roles, so the plan compares every row it
 * reads and every policy rule has something to judge. The first
 * `changed` accounts get a new e-mail address at `domain` (the apply benchmark's changes).
 */
export function desiredScale(accounts: number, changed = 0, domain = 'bench.example'): DesiredState {
  const declaredAccounts: DesiredServiceAccount[] = Array.from({ length: accounts }, (_, i) => {
    const { userName, owner, roles, groups } = scaleAccount(i, accounts);
    const email = i < changed ? `${userName}@${domain}` : `${userName}@example.com`;
    return {
      kind: 'ServiceAccount',
      key: naturalKey(userName),
      at,
      fields: { email: declared(email), web_service_access_only: declared(true), manager: declared(owner) },
      purpose: declared('Benchmark integration'),
      groups: groups.map(declared),
      roles: roles.map(declared),
    };
  });
  return {
    config: { ...DEFAULT_CONFIG, safety: { ...DEFAULT_CONFIG.safety, maxChangeShare: 1 } },
    records: { ServiceAccount: declaredAccounts, Group: [], Role: [], SecuritySettings: [], OAuthClient: [] },
  };
}

/**
 * Rows a read returned, per table, and apart the two queries that are not a kind's: the
 * owners (sys_user by name) and the active admins (sys_user_has_role).
 */
export function rowsByTable(live: LiveState): Record<string, number> {
  return {
    ...Object.fromEntries(rowCountsByTable(live)),
    [`${PERSON_TABLE} (owners)`]: live.people.length,
    [`${ACTIVE_ADMINS_QUERY.table} (admins)`]: live.activeAdmins.length,
  };
}

/**
 * Queries like the plan's on every account-scoped kind, for the first hundred accounts only:
 * the emulator's warm-up (emulator-process.ts), which leaves the plan's own queries uncached.
 */
export function warmQueries(): WarmQuery[] {
  const prefix = 'svc_scale_0000';
  const records = ALL_RECORD_KINDS.filter((kind) => kind.scoped).map((kind) => ({ table: kind.table, query: `${kind.keyField}STARTSWITH${prefix}`, fields: kind.readFields }));
  const links = ALL_LINK_KINDS.filter((kind) => RECORD_KINDS[kind.from.kind].scoped).map((kind) => ({
    table: kind.table,
    query: `${kind.from.read}STARTSWITH${prefix}`,
    fields: [kind.from.read, kind.to.read, ...(kind.extraReadFields ?? [])],
  }));
  return [...records, ...links];
}
