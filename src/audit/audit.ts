import type { Diagnostic } from '../diagnostics.js';
import type { RunAsUser } from '../impact/dependents.js';
import { accountScope, isInScope } from '../model/scope.js';
import { heldRoles } from '../kinds/access-model.js';
import { accountFindings } from './accounts.js';
import { dependentFindings } from './dependents.js';
import { machineIdentities, machineIdentityFindings } from './machine-identities.js';
import { preflight } from './preflight.js';
import type { AuditInput, AuditReport, PermissionCheck } from './report.js';
import { naturalKey } from '../model/keys.js';

/** Rows the auditing account could not see: the report is silent about them, so it says so. */
function hiddenFindings(live: AuditInput['live'], self: string | undefined): Diagnostic[] {
  return (live.hidden ?? []).map((rows) => ({
    severity: 'warning',
    code: 'audit-hidden-rows',
    summary: `${rows.count} row${rows.count === 1 ? '' : 's'} of ${rows.table} hidden from ${self ?? "snac's account"}: ${rows.why}`,
    fix: rows.elevatedGrants
      ? 'who holds security_admin shows only in the UI, to an admin elevated to security_admin: check it there'
      : 'audit with an account that can read them to see everything',
  }));
}

/**
 * `snac audit`'s report on a live instance, whatever the declarations would change: what runs
 * as unusable users, unhealthy service accounts in scope, and whether snac's own account can do
 * what planning and applying need. Pure: the command reads, this judges.
 */
export function buildAudit(input: AuditInput): AuditReport {
  const { desired, live, dependents } = input;
  const scope = accountScope(desired.config.scope, desired.records.ServiceAccount.map((a) => a.key));
  const inScope = new Set<string>(live.records.ServiceAccount.map((a) => a.key));
  const isServiceAccount = (user: RunAsUser) => inScope.has(user.key) || isInScope(scope, user.key) || user.nonInteractive || user.identityType === 'machine';

  const reconciler: Diagnostic[] = [];
  let permissions: PermissionCheck[] = [];
  const self = input.reconciler === undefined ? undefined : naturalKey(input.reconciler);
  if (self === undefined) {
    reconciler.push({
      severity: 'warning',
      code: 'reconciler-unknown',
      summary: 'snac cannot tell which account it acts as, so its permissions were not checked',
      fix: 'name it: instances[].reconciler in snac.yaml, or SNAC_RECONCILER for --instance-url',
    });
  } else if (!inScope.has(self)) {
    reconciler.push({
      severity: 'error',
      code: 'reconciler-not-found',
      summary: `snac's own account ${self} is not a user snac can see on ${live.instance}`,
      fix: 'check instances[].reconciler in snac.yaml (or SNAC_RECONCILER) against the account snac signs in with',
      record: { kind: 'ServiceAccount', key: self },
    });
  } else {
    const checked = preflight(desired, live, dependents, self, heldRoles(live).get(self) ?? new Set());
    permissions = checked.permissions;
    reconciler.push(...checked.findings);
  }

  const identities = machineIdentities(desired, live, dependents, input.today);
  return {
    instance: live.instance,
    dependents: dependentFindings(dependents, isServiceAccount),
    accounts: [...byAccount([...accountFindings(desired, live), ...machineIdentityFindings(desired, identities)]), ...hiddenFindings(live, self)],
    reconciler,
    permissions,
    machineIdentities: identities,
    checked: {
      jobs: dependents.jobs.length,
      flows: dependents.flows.length,
      authProfiles: dependents.authProfiles.length,
      accounts: live.records.ServiceAccount.length,
      ...(self === undefined ? {} : { reconciler: self }),
    },
  };
}

/** Findings grouped by the account they are about, in account order (a stable sort). */
function byAccount(findings: readonly Diagnostic[]): Diagnostic[] {
  const key = (f: Diagnostic) => f.record?.key ?? '';
  return [...findings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
