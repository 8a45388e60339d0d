import { grantsRole } from '../kinds/access-model.js';
import type { SafetyConfig } from '../model/config.js';
import { HIGH_SECURITY_SETTINGS } from '../model/high-security-settings.js';
import type { LiveState } from '../kinds/live.js';
import type { AccessChange, Change, Finding } from './change.js';

export interface SafetyContext {
  readonly live: LiveState;
  readonly changes: readonly Change[];
  readonly access: readonly AccessChange[];
  readonly safety: SafetyConfig;
  /** snac's own accounts (lower case): the reconciler snac.yaml names and the account signed in. */
  readonly protectedAccounts?: readonly string[];
  /** Finding codes the user explicitly allowed (config or --allow): shown, but not blocking. */
  readonly allow: ReadonlySet<string>;
}

/** The safety findings `--allow` may let pass, shown as warnings. */
export const ALLOWABLE_CODES = ['too-many-prunes', 'too-many-changes', 'min-admins', 'interactive-account', 'irreversible-setting', 'needs-elevation', 'assignable-by'] as const;
export type AllowableCode = (typeof ALLOWABLE_CODES)[number];

/** Below this many accounts in scope, a share threshold says nothing (octoDNS's MIN_EXISTING_RECORDS). */
const MIN_ACCOUNTS_FOR_SHARE = 10;

/**
 * The safety rails: findings that block the plan (and apply) unless explicitly allowed. They
 * are part of the plan, computed before anything is written, and shown in the PR comment.
 */
export function safetyFindings(context: SafetyContext): Finding[] {
  const findings: Finding[] = [];
  const block = (code: AllowableCode, summary: string, fix: string, extra: Partial<Finding> = {}) => {
    const allowed = context.allow.has(code);
    findings.push({ severity: allowed ? 'warning' : 'error', code, summary, fix, blocking: !allowed, ...extra });
  };
  const { changes, live, safety } = context;

  const prunes = changes.filter((c) => c.origin === 'prune');
  if (prunes.length > safety.maxPrunes) {
    block('too-many-prunes', `${prunes.length} accounts would be ${prunes[0]?.action === 'delete' ? 'deleted' : 'deactivated'}, more than safety.max_prunes (${safety.maxPrunes})`,
      'check that no account file was deleted or moved by mistake; raise safety.max_prunes in snac.yaml or pass --allow too-many-prunes');
  }
  const touched = new Set(changes.filter((c) => c.kind === 'ServiceAccount' && c.action !== 'create').map((c) => c.key));
  const share = live.records.ServiceAccount.length === 0 ? 0 : touched.size / live.records.ServiceAccount.length;
  if (live.records.ServiceAccount.length >= MIN_ACCOUNTS_FOR_SHARE && share > safety.maxChangeShare) {
    block('too-many-changes', `${touched.size} of ${live.records.ServiceAccount.length} accounts in scope would change (${Math.round(share * 100)}%), more than safety.max_change_share (${Math.round(safety.maxChangeShare * 100)}%)`,
      'check the scope rule and the declarations; raise safety.max_change_share in snac.yaml or pass --allow too-many-changes');
  }

  const removed = new Set<string>();
  for (const access of context.access) if (access.lost.includes('admin')) removed.add(access.account);
  for (const change of changes) {
    const off = change.action === 'deactivate' || change.action === 'delete' || change.fields.some((f) => (f.field === 'active' && f.after === false) || (f.field === 'locked_out' && f.after === true));
    if (change.kind === 'ServiceAccount' && off) removed.add(change.key);
  }
  const remaining = live.activeAdmins.filter((admin) => !removed.has(admin));
  const lostAdmins = live.activeAdmins.filter((admin) => removed.has(admin));
  if (lostAdmins.length > 0 && remaining.length < safety.minAdmins) {
    block('min-admins', `only ${remaining.length} active admin${remaining.length === 1 ? '' : 's'} would remain (${lostAdmins.join(', ')} would lose admin), fewer than safety.min_admins (${safety.minAdmins})`,
      'keep at least that many active admins (break-glass accounts count); lower safety.min_admins or pass --allow min-admins only if you have another way in');
  }

  // snac's own accounts are always protected: --allow and snac.yaml cannot lift this rail.
  const protect = (summary: string, fix: string, extra: Partial<Finding>) =>
    findings.push({ severity: 'error', code: 'reconciler-self', summary, fix, blocking: true, ...extra });
  for (const self of context.protectedAccounts ?? []) {
    for (const change of changes) {
      const own = change.key === self || change.link?.from === self;
      const removes = change.origin !== 'duplicate' && (change.action === 'deactivate' || change.action === 'delete' || change.action === 'revoke') ||
        change.fields.some((f) => (f.field === 'active' && f.after === false) || (f.field === 'locked_out' && f.after === true));
      if (own && removes) {
        protect(`${change.action} on ${change.key} would cut off snac's own account ${self}`,
          `snac never deactivates, locks or strips the account it runs as, whatever --allow says; change ${self} by hand if you really mean it`, { record: { kind: change.kind, key: change.key } });
      }
    }
    const lost = context.access.find((a) => a.account === self)?.lost ?? [];
    if (lost.length > 0) {
      protect(`snac's own account ${self} would lose ${lost.join(', ')}`,
        'keep the roles snac needs (user_admin and its reconciler role) on its account and groups', { record: { kind: 'ServiceAccount', key: self } });
    }
  }

  for (const change of changes) {
    if (change.origin !== 'prune') continue;
    const account = live.records.ServiceAccount.find((a) => a.key === change.key);
    if (account?.fields['web_service_access_only'] === false) {
      block('interactive-account', `${change.key} is interactive (it can log in to the UI) and is not declared: it may be a person's account`,
        `declare it to keep it, add it to scope.exclude in snac.yaml, or pass --allow interactive-account if it really is an unused service account`,
        { record: { kind: 'ServiceAccount', key: change.key } });
    }
  }

  const existing = new Set([...live.records.Role.map((r) => r.key), ...changes.filter((c) => c.kind === 'Role' && c.action === 'create').map((c) => c.key)]);
  for (const change of changes) {
    const role = change.link?.to;
    if (change.action !== 'grant' || !grantsRole(change.kind) || role === undefined || existing.has(role)) continue;
    findings.push({
      severity: 'error',
      code: 'unknown-role',
      summary: `role "${role}" does not exist on ${live.instance} (${change.kind} ${change.label ?? change.key})`,
      fix: 'install the plugin that ships it, declare it as a custom Role, or fix the name',
      blocking: true,
      ...(change.at ? { at: change.at } : {}),
    });
  }

  const elevated = new Set(live.records.Role.filter((r) => r.fields['elevated_privilege'] === true).map((r) => r.key));
  for (const change of changes) {
    const role = change.link?.to;
    if (!grantsRole(change.kind) || role === undefined || !elevated.has(role)) continue;
    block('needs-elevation', `${change.action} of ${role} (${change.label ?? change.key}) needs an elevated security_admin session, which a REST session never is`,
      `do it by hand: log in as security_admin, elevate (user menu > Elevate role), and ${change.action} the role; or pass --allow needs-elevation if this instance lets REST sessions do it`,
      { ...(change.at ? { at: change.at } : {}), record: { kind: change.kind, key: change.key } });
  }

  for (const change of changes) {
    if (change.kind !== 'SecuritySettings') continue;
    const setting = HIGH_SECURITY_SETTINGS.find((s) => s.property === change.key);
    const after = change.fields[0]?.after;
    if (setting?.irreversible !== undefined && after === setting.irreversible) {
      block('irreversible-setting', `setting ${setting.friendlyName} (${setting.property}) to ${after} cannot be undone on this instance`,
        'make sure every integration authenticates first; then pass --allow irreversible-setting', { ...(change.at ? { at: change.at } : {}) });
    }
    const property = live.records.SecuritySettings.find((p) => p.key === change.key);
    const writeRoles = String(property?.fields['write_roles'] ?? (setting ? 'security_admin' : ''));
    if (writeRoles.split(',').map((r) => r.trim()).includes('security_admin')) {
      block('needs-elevation', `${change.key} is writable only by an elevated security_admin, which a REST session never is`,
        'set it by hand: log in as security_admin, elevate (user menu > Elevate role), open System Security > High Security Settings and set it; or pass --allow needs-elevation if this instance lets REST sessions write it',
        { ...(change.at ? { at: change.at } : {}) });
    }
  }
  return findings;
}
