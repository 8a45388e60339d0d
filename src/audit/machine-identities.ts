import type { Diagnostic } from '../diagnostics.js';
import { heldRoles } from '../kinds/access-model.js';
import { clientsActingAs, type Dependents, profilesLoggingInAs, runningAs } from '../impact/dependents.js';
import type { AuthenticationMethod, DesiredState } from '../kinds/desired.js';
import type { LiveState } from '../kinds/live.js';
import type { Severity } from '../model/config.js';
import { privilegedRoles } from '../plan/privileged.js';
import { describeDormancy, dormancy, type Dormancy } from '../policy/dormancy.js';

/** How an integration signs in as an account, as declared or as the instance shows it. */
export type AuthMethod = AuthenticationMethod;

/** An active service account in scope, as ServiceNow's Machine Identity Console sees one. */
export interface MachineIdentity {
  readonly account: string;
  /** sys_user.identity_type: machine, human, ai, or '' on instances without the field. */
  readonly identityType: string;
  /** Declared, or inferred: an OAuth client acting as it, a Basic auth profile using it. */
  readonly authentication: readonly AuthMethod[];
  /** Privileged roles it holds (admin, security_admin, elevated, policy.privileged_roles). */
  readonly privilegedRoles: readonly string[];
  readonly dormant?: Dormancy;
  /** What runs as it: scheduled jobs, Basic auth profiles, OAuth clients, by name. */
  readonly runs: readonly string[];
}

/** Sorted, without repeats. */
const unique = <T extends string>(items: readonly T[]): T[] => [...new Set(items)].sort();

/**
 * The active service accounts in scope as machine identities: their identity type, how they
 * authenticate, the privileged roles they hold, whether they are dormant (when today is known)
 * and what runs as them. Pure.
 */
export function machineIdentities(desired: DesiredState, live: LiveState, dependents: Dependents, today: string | undefined): MachineIdentity[] {
  const declared = new Map(desired.records.ServiceAccount.map((a) => [a.key, a]));
  const held = heldRoles(live);
  const isPrivileged = privilegedRoles(desired, live);
  return live.records.ServiceAccount.filter((a) => a.fields['active'] === true).map((account) => {
    const key = account.key;
    const profiles = profilesLoggingInAs(dependents, key);
    const clients = clientsActingAs(dependents, key);
    const declaredMethod = declared.get(key)?.authentication?.value;
    const authentication = unique<AuthMethod>([
      ...(declaredMethod === undefined ? [] : [declaredMethod]),
      ...(clients.length > 0 ? ['oauth' as const] : []),
      ...(profiles.length > 0 ? ['basic' as const] : []),
    ]);
    const dormant = today === undefined ? undefined : dormancy(account, today, desired.config.policy.dormantAfterDays);
    return {
      account: key,
      identityType: String(account.fields['identity_type'] ?? ''),
      authentication,
      privilegedRoles: [...(held.get(key) ?? [])].filter(isPrivileged).sort(),
      ...(dormant === undefined ? {} : { dormant }),
      runs: runningAs(dependents, key),
    };
  });
}

/** The severity snac.yaml gives a policy rule's audit counterpart, or undefined when it is off or the account is excepted. */
function ruleSeverity(desired: DesiredState, rule: string, fallback: Severity, account: string): Severity | undefined {
  const config = Object.hasOwn(desired.config.policy.rules, rule) ? desired.config.policy.rules[rule] : undefined;
  if (config?.enabled === false || config?.exceptions.includes(account)) return undefined;
  return config?.severity ?? fallback;
}

/**
 * The Machine Identity Console's findings, as audit findings: dormant accounts (with the date
 * and what runs as them) and accounts that sign in with Basic only. Their severities follow the
 * dormant-account and oauth-over-basic rules in snac.yaml.
 */
export function machineIdentityFindings(desired: DesiredState, identities: readonly MachineIdentity[]): Diagnostic[] {
  const findings: Diagnostic[] = [];
  for (const identity of identities) {
    const record = { kind: 'ServiceAccount', key: identity.account };
    const dormantSeverity = ruleSeverity(desired, 'dormant-account', 'warning', identity.account);
    if (identity.dormant !== undefined && dormantSeverity !== undefined) {
      const runs = identity.runs.length === 0 ? 'nothing snac can see runs as it' : `still set up to run as it: ${identity.runs.join(', ')}`;
      findings.push({
        severity: dormantSeverity,
        code: 'account-dormant',
        summary: `${identity.account} is dormant: it ${describeDormancy(identity.dormant)}; ${runs}`,
        fix: 'confirm with its owner whether the integration still runs; deactivate the account if not',
        record,
      });
    }
    const basicSeverity = ruleSeverity(desired, 'oauth-over-basic', 'warning', identity.account);
    if (isBasicOnly(identity) && basicSeverity !== undefined) {
      findings.push({
        severity: basicSeverity,
        code: 'account-basic-auth',
        summary: `${identity.account} signs in with Basic authentication only: its password travels with every call`,
        fix: 'declare an OAuthClient acting as it and move the integration to OAuth',
        record,
      });
    }
  }
  return findings;
}

export function isBasicOnly(identity: MachineIdentity): boolean {
  return identity.authentication.includes('basic') && !identity.authentication.includes('oauth');
}
