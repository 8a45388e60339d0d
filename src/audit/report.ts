import type { Diagnostic } from '../diagnostics.js';
import type { MachineIdentity } from './machine-identities.js';
import type { Dependents } from '../impact/dependents.js';
import type { DesiredState } from '../kinds/desired.js';
import type { LiveState } from '../kinds/live.js';

/** What `snac audit` judges: the declarations (for scope, policy and exemptions) and what it read. */
export interface AuditInput {
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly dependents: Dependents;
  /** snac's own user_name, when it is known (snac.yaml's reconciler, SNAC_RECONCILER, or the Basic user). */
  readonly reconciler?: string;
  /** YYYY-MM-DD, for dormancy; without it no account is judged dormant. */
  readonly today?: string;
}

export type { Operation } from '../kinds/kind.js';
import type { Operation } from '../kinds/kind.js';

/** One line of the reconciler's permission preflight: may it do this, and does snac need it to? */
export interface PermissionCheck {
  readonly table: string;
  readonly operation: Operation;
  /** What snac does with it. */
  readonly purpose: string;
  /** Whether these declarations need it (a missing permission that is not needed is no finding). */
  readonly needed: boolean;
  readonly status: 'ok' | 'missing' | 'impossible';
  /** The role that passes, "rows came back", or what is missing. */
  readonly reason: string;
}

/** The live health report: findings by section, and the reconciler's preflight. Plain data. */
export interface AuditReport {
  readonly instance: string;
  /** Scheduled jobs, flows and auth profiles whose run-as user is unusable. */
  readonly dependents: readonly Diagnostic[];
  /** Service accounts in scope. */
  readonly accounts: readonly Diagnostic[];
  /** snac's own account: whether it can do what the plan needs. */
  readonly reconciler: readonly Diagnostic[];
  readonly permissions: readonly PermissionCheck[];
  /** The active service accounts in scope, as machine identities (the summary counts them). */
  readonly machineIdentities: readonly MachineIdentity[];
  /** What was looked at, so a clean report says how much it covered. */
  readonly checked: { readonly jobs: number; readonly flows: number; readonly authProfiles: number; readonly accounts: number; readonly reconciler?: string };
}

export function auditFindings(report: AuditReport): Diagnostic[] {
  return [...report.dependents, ...report.accounts, ...report.reconciler];
}
