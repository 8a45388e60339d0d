import { scaleAccount } from '../emulator/seeds/scale.js';
import { ACTIVE_ADMINS_QUERY } from '../kinds/direct-role.js';
import type { LiveState } from '../kinds/live.js';
import { rowCountsByTable } from '../kinds/row-counts.js';
import { PERSON_TABLE } from '../kinds/service-account.js';
import { DEFAULT_CONFIG } from '../model/config.js';
import type { DesiredServiceAccount, DesiredState } from '../model/desired.js';

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
      key: userName,
      at,
      fields: { email: declared(email), web_service_access_only: declared(true), manager: declared(owner) },
      purpose: declared('Benchmark integration'),
      groups: groups.map(declared),
      roles: roles.map(declared),
    };
  });
  return {
    config: { ...DEFAULT_CONFIG, safety: { ...DEFAULT_CONFIG.safety, maxChangeShare: 1 } },
    accounts: declaredAccounts,
    groups: [],
    roles: [],
    properties: [],
    oauthClients: [],
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
