import { naturalKey } from '../model/keys.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DesiredState } from '../kinds/desired.js';
import type { LiveRecord, LiveState } from '../kinds/live.js';
import { privilegedRoles } from '../plan/privileged.js';
import { directGrants, groupsGranting, heldRoles } from '../kinds/access-model.js';

/** The property that sets how many failed logins lock an account out, and the platform default. */
export const LOCKOUT_PROPERTY = 'glide.user.max_unlock_attempts';
const DEFAULT_LOCKOUT = 5;

/** Failed logins from which an account counts as close to being locked out: half the limit. */
export function nearLockout(live: LiveState): number {
  const limit = Number(live.records.SecuritySettings.find((p) => p.key === LOCKOUT_PROPERTY)?.fields['value']) || DEFAULT_LOCKOUT;
  return Math.max(1, Math.ceil(limit / 2));
}

/** How an account comes to hold a role: "a direct grant" or "through <groups>". */
function origin(live: LiveState, account: string, role: string): string {
  if (directGrants(live, account).some((l) => l.to === role)) return 'a direct grant';
  const groups = groupsGranting(live, account, role);
  return groups.length > 0 ? `through ${groups.join(', ')}` : 'containment';
}

/**
 * Seeds 000, 001 and 003 on the instance as it is: service accounts in scope with no owner or
 * one who left, and active ones that are interactive, hold privileged roles, must reset their
 * password, are locked out, or are close to it. Declared exemptions (interactive, privileged) count.
 */
export function accountFindings(desired: DesiredState, live: LiveState): Diagnostic[] {
  const declared = new Map(desired.records.ServiceAccount.map((a) => [a.key, a]));
  const people = new Map(live.people.map((p) => [p.key, p]));
  const held = heldRoles(live);
  const isPrivileged = privilegedRoles(desired, live);
  const threshold = nearLockout(live);
  const findings: Diagnostic[] = [];
  for (const account of live.records.ServiceAccount) {
    const key = account.key;
    const push = (severity: Diagnostic['severity'], code: string, summary: string, fix: string) =>
      findings.push({ severity, code, summary, fix, record: { kind: 'ServiceAccount', key } });
    const f = account.fields;
    // An inactive account still needs someone to decide its fate; the rest matters while it can log in.
    ownerFinding(account, people.get(naturalKey(String(f['manager'] ?? ''))), push);
    if (f['active'] !== true) continue;
    if (f['web_service_access_only'] === false && declared.get(key)?.interactiveReason === undefined) {
      push('warning', 'account-interactive', `${key} is interactive, so it can log in to the UI like a person`, 'tick Web service access only, or declare it with web_service_access_only: true');
    }
    const privileged = [...(held.get(key) ?? [])].filter(isPrivileged).sort();
    if (privileged.length > 0 && declared.get(key)?.privilegedReason === undefined) {
      const how = privileged.map((role) => `${role} (${origin(live, key, role)})`).join(', ');
      push('warning', 'account-privileged', `${key} holds privileged roles ${how}`, 'remove them, or declare the account with privileged: { reason: ... } if it truly needs them');
    }
    if (f['password_needs_reset'] === true) {
      push('warning', 'account-password-reset', `${key} must reset its password at next login, which an integration cannot do, so its calls will fail`, 'set a new password, tell the integration, and clear Password needs reset');
    }
    const attempts = Number(f['failed_attempts'] ?? 0);
    if (f['locked_out'] === true) {
      push('error', 'account-locked-out', `${key} is locked out after ${attempts} failed logins, so everything using it fails`, 'find the client using an old password, fix it, then unlock the account');
    } else if (attempts >= threshold) {
      push('warning', 'account-failed-attempts', `${key} has ${attempts} failed logins, close to being locked out`, 'find the client using a wrong password before the account locks');
    }
  }
  return findings;
}

function ownerFinding(account: LiveRecord, owner: LiveRecord | undefined, push: (severity: Diagnostic['severity'], code: string, summary: string, fix: string) => void): void {
  const manager = account.fields['manager'];
  if (manager === null || manager === undefined || manager === '') {
    push('warning', 'account-no-owner', `${account.key} has no owner (manager), so nobody answers for it`, 'set its manager to the person responsible, or declare it with an owner');
  } else if (owner === undefined || owner.fields['active'] !== true) {
    push('warning', 'account-owner-inactive', `${account.key} is owned by ${String(manager)}, who is inactive or gone, having probably left the company`, 'hand the account to an active owner');
  }
}
