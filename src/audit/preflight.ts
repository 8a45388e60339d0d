import type { Diagnostic } from '../diagnostics.js';
import type { Dependents } from '../impact/dependents.js';
import type { DesiredState } from '../kinds/desired.js';
import { HIGH_SECURITY_SETTINGS } from '../model/high-security-settings.js';
import type { LiveState } from '../kinds/live.js';
import { AUTH_PROFILES, FLOWS, SCHEDULED_JOBS } from '../kinds/reference-tables.js';
import { INHERITED_ROLES_TABLE, RECORD_KINDS } from '../kinds/registry.js';
import { rowCountsByTable } from '../kinds/row-counts.js';
import { assignableGaps, declaredGrants } from '../plan/assignable.js';
import type { Operation, PermissionCheck } from './report.js';
import { RECONCILER_ROLE, REQUIREMENTS, type Requirement } from './requirements.js';

const FAILS: Record<Operation, string> = {
  read: 'its reads come back empty, so snac would see nothing there',
  create: 'the instance answers 403 "ACL Exception Insert Failed due to security constraints"',
  write: 'the instance answers 403 "ACL Exception Update Failed due to security constraints"',
  delete: 'the instance answers 403 "ACL Exception Delete Failed due to security constraints"',
};

/** Tables whose reads returned rows: proof of read access whatever ACL grants it. */
function tablesWithRows(live: LiveState, dependents: Dependents): Set<string> {
  const counts = rowCountsByTable(live);
  const add = (table: string, n: number) => counts.set(table, (counts.get(table) ?? 0) + n);
  add(SCHEDULED_JOBS.table, dependents.jobs.length);
  add(FLOWS.table, dependents.flows.length);
  add(AUTH_PROFILES.table, dependents.authProfiles.length);
  return new Set([...counts].filter(([, n]) => n > 0).map(([table]) => table));
}

function judge(requirement: Requirement, roles: ReadonlySet<string>, readable: ReadonlySet<string>): Pick<PermissionCheck, 'status' | 'reason'> {
  if (requirement.roles.includes('*')) return { status: 'ok', reason: 'any user' };
  if (roles.has('admin')) return { status: 'ok', reason: 'admin' };
  const role = requirement.roles.find((r) => roles.has(r));
  if (role !== undefined) return { status: 'ok', reason: role };
  if (requirement.operation === 'read' && readable.has(requirement.table)) return { status: 'ok', reason: 'rows came back' };
  if (requirement.setUp === true && roles.has(RECONCILER_ROLE)) return { status: 'ok', reason: `${RECONCILER_ROLE} (the set-up's ACL)` };
  const setUp = requirement.setUp === true ? ` (or ${RECONCILER_ROLE} with the set-up's ACL)` : '';
  return { status: 'missing', reason: `needs ${requirement.roles.join(' or ')}${setUp}` };
}

/** Declared High Security Settings whose live value differs: what only an elevated security_admin could change. */
function pendingSettings(desired: DesiredState, live: LiveState): string[] {
  const properties = new Map(live.records.SecuritySettings.map((p) => [p.key, p]));
  return desired.records.SecuritySettings
    .filter((p) => {
      const row = properties.get(p.key);
      const protectedRow = HIGH_SECURITY_SETTINGS.some((s) => s.property === p.key) || String(row?.fields['write_roles'] ?? '').includes('security_admin');
      return protectedRow && String(row?.fields['value'] ?? '') !== p.value.value;
    })
    .map((p) => p.key)
    .sort();
}

export interface Preflight {
  readonly permissions: PermissionCheck[];
  readonly findings: Diagnostic[];
}

/**
 * The reconciler's permission preflight, without writing anything: its roles (as the instance
 * reports them) against what each table operation needs (requirements.ts), read access also
 * proven by rows coming back, and whether it could change High Security Settings (never over
 * REST: elevation is an interactive session's). Only what these declarations need is a finding.
 */
export function preflight(desired: DesiredState, live: LiveState, dependents: Dependents, reconciler: string, roles: ReadonlySet<string>): Preflight {
  const readable = tablesWithRows(live, dependents);
  const held = [...roles].sort().join(', ') || (readable.has(INHERITED_ROLES_TABLE) ? 'no roles' : `no roles snac can see, as it cannot read ${INHERITED_ROLES_TABLE}`);
  const permissions: PermissionCheck[] = [];
  const findings: Diagnostic[] = [];
  for (const r of REQUIREMENTS) {
    const check: PermissionCheck = { table: r.table, operation: r.operation, purpose: r.purpose, needed: r.neededBy?.(desired) ?? true, ...judge(r, roles, readable) };
    permissions.push(check);
    if (!check.needed || check.status !== 'missing') continue;
    findings.push({
      severity: 'error',
      code: 'reconciler-permission',
      summary: `${reconciler} cannot ${r.operation} ${r.table} (${r.purpose}): it ${check.reason}, and holds ${held}`,
      fix: `grant ${r.roles.join(' or ')} to ${reconciler} through its group; without it ${FAILS[r.operation]}`,
      record: { kind: 'ServiceAccount', key: reconciler },
    });
  }
  const gaps = assignableGaps(live, declaredGrants(desired, live), roles);
  if (gaps.length > 0) {
    findings.push({
      severity: 'error',
      code: 'reconciler-cannot-assign',
      summary: `${reconciler} cannot grant ${gaps.map((g) => `${g.role} (assignable by ${g.assignableBy})`).join(', ')}, which the declarations grant: the instance refuses with 403 "User Is Not Authorized To Perform This Action"`,
      fix: `give ${reconciler} ${[...new Set(gaps.map((g) => g.assignableBy))].join(' and ')} through its group, or have a holder make those grants`,
      record: { kind: 'ServiceAccount', key: reconciler },
    });
  }
  // Unreadable properties cannot be compared: the missing read is the finding then.
  const pending = readable.has(RECORD_KINDS.SecuritySettings.table) ? pendingSettings(desired, live) : [];
  permissions.push({
    table: RECORD_KINDS.SecuritySettings.table,
    operation: 'write',
    purpose: 'change High Security Settings',
    needed: pending.length > 0,
    status: 'impossible',
    reason: roles.has('security_admin') ? 'security_admin must be elevated, and a REST session never is' : 'needs security_admin, elevated; a REST session never is',
  });
  if (pending.length > 0) {
    findings.push({
      severity: 'warning',
      code: 'reconciler-cannot-set-hss',
      summary: `${pending.length} declared High Security Setting${pending.length === 1 ? '' : 's'} differ from the instance, and ${reconciler} cannot change them over REST: ${pending.join(', ')}`,
      fix: 'set them by hand as a security_admin in an elevated session (System Security > High Security Settings); snac plan lists them as needs-elevation',
      record: { kind: 'ServiceAccount', key: reconciler },
    });
  }
  return { permissions, findings };
}
