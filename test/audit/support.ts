import { buildAudit } from '../../src/audit/audit.js';
import { readAuditInput } from '../../src/audit/read-audit.js';
import type { AuditReport } from '../../src/audit/report.js';
import type { DesiredState } from '../../src/kinds/desired.js';
import { basicClient } from '../support/client.js';
import { desiredState } from '../support/states.js';

/** Declarations that only set the demo's scope: every svc_ account, none declared. */
export const DEMO_SCOPE = desiredState();

/** Read the instance as `user` and judge it, as `snac audit` does; the reconciler is `user` unless named (null: unknown). */
export async function audit(url: string, user: string, password: string, desired: DesiredState = DEMO_SCOPE, reconciler: string | null = user, today?: string): Promise<AuditReport> {
  const input = await readAuditInput(basicClient(url, user, password), desired, { instance: 'demo', ...(reconciler === null ? {} : { reconciler }) });
  return buildAudit({ ...input, ...(today === undefined ? {} : { today }) });
}

/** "code subject" per finding, the subject being the record's key. */
export const codes = (findings: readonly { code: string; record?: { key: string } }[]) => findings.map((f) => `${f.code} ${f.record?.key ?? ''}`.trim());
