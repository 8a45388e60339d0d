import { isBasicOnly } from './machine-identities.js';
import { auditFindings, type AuditReport } from './report.js';

/** The one-screen counts at the top of an audit, as the Machine Identity Console shows them. */
export interface AuditSummary {
  /** Active service accounts in scope. */
  readonly machineIdentities: number;
  /** Of those, how many the instance marks as identity type machine. */
  readonly identityTypeMachine: number;
  readonly privileged: number;
  readonly dormant: number;
  readonly basicOnly: number;
  readonly oauth: number;
  readonly errors: number;
  readonly warnings: number;
}

export function summarise(report: AuditReport): AuditSummary {
  const identities = report.machineIdentities;
  const findings = auditFindings(report);
  return {
    machineIdentities: identities.length,
    identityTypeMachine: identities.filter((i) => i.identityType === 'machine').length,
    privileged: identities.filter((i) => i.privilegedRoles.length > 0).length,
    dormant: identities.filter((i) => i.dormant !== undefined).length,
    basicOnly: identities.filter(isBasicOnly).length,
    oauth: identities.filter((i) => i.authentication.includes('oauth')).length,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

/** The privileged machine identities, one "account: roles" line each. */
export function privilegedLines(report: AuditReport): string[] {
  return report.machineIdentities.filter((i) => i.privilegedRoles.length > 0).map((i) => `${i.account}: ${i.privilegedRoles.join(', ')}`);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The summary block of the terminal view. */
export function summaryText(report: AuditReport): string[] {
  const s = summarise(report);
  const privileged = privilegedLines(report);
  return [
    `Machine identities: ${plural(s.machineIdentities, 'active service account')} in scope, ${s.identityTypeMachine} of identity type machine`,
    `  privileged ${s.privileged}, dormant ${s.dormant}, Basic auth only ${s.basicOnly}, OAuth ${s.oauth}`,
    `  findings: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`,
    ...(privileged.length === 0 ? [] : ['Privileged machine identities:', ...privileged.map((line) => `  ${line}`)]),
  ];
}
