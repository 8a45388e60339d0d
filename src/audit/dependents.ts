import type { Diagnostic } from '../diagnostics.js';
import type { Dependents, RunAsUser } from '../impact/dependents.js';

/**
 * Seed 000: a job or flow whose run-as user is inactive, locked out or gone fails silently. A
 * job running as a person stops the day they leave. `isServiceAccount` says which users are
 * service accounts (in snac's scope, non-interactive, or of the machine identity type).
 */
export function dependentFindings(dependents: Dependents, isServiceAccount: (user: RunAsUser) => boolean): Diagnostic[] {
  const users = new Map(dependents.users.map((u) => [u.key, u]));
  const findings: Diagnostic[] = [];
  for (const job of dependents.jobs) {
    const record = { kind: 'ScheduledJob', key: job.name };
    const push = (severity: Diagnostic['severity'], code: string, summary: string, fix: string) => findings.push({ severity, code, summary, fix, record });
    const what = `scheduled job "${job.name}" (${job.table})`;
    if (job.runAs === '') {
      push('error', 'job-run-as-missing', `${what} runs as a user that no longer exists`, 'set its Run as to an active service account, or clear it to run as the system user');
      continue;
    }
    const user = users.get(job.runAs);
    if (user === undefined) continue;
    if (!user.active) push('error', 'job-run-as-inactive', `${what} runs as ${user.key}, which is inactive, so the job fails without a sound`, `reactivate ${user.key}, or move the job to an active service account`);
    if (user.lockedOut) push('error', 'job-run-as-locked', `${what} runs as ${user.key}, which is locked out, so the job fails without a sound`, `find out why ${user.key} was locked (failed logins with an old password?), fix the client, then unlock it`);
    if (!isServiceAccount(user)) push('warning', 'job-run-as-person', `${what} runs as ${user.key}, a person rather than a service account, so it stops when they leave`, 'run it as a service account with an owner, or as the system user');
  }
  for (const flow of dependents.flows) {
    if (flow.status === 'draft' || flow.runAs !== 'user' || flow.runWithRoles.length > 0) continue;
    findings.push({
      severity: 'warning',
      code: 'flow-runs-as-initiator',
      summary: `flow "${flow.name}" runs as the user who triggers it, with their roles, so it fails without a sound when that user is inactive, locked out or loses a role`,
      fix: 'run it as the System User, or give it roles of its own (Run with roles) in Workflow Studio',
      record: { kind: 'Flow', key: flow.name },
    });
  }
  for (const profile of dependents.authProfiles) {
    const user = users.get(profile.username);
    if (user === undefined || (user.active && !user.lockedOut)) continue;
    const state = user.active ? 'locked out' : 'inactive';
    findings.push({
      severity: 'error',
      code: 'auth-profile-login-fails',
      summary: `Basic auth profile "${profile.name}" logs in as ${user.key}, which is ${state}, so every call made with it is refused (401)`,
      fix: `${user.active ? 'unlock' : 'reactivate'} ${user.key}, or point the profile at an active service account`,
      record: { kind: 'AuthProfile', key: profile.name },
    });
  }
  return findings;
}
