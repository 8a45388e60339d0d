import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAuditMarkdown, renderAuditText } from '../../src/audit/render.js';
import { summarise } from '../../src/audit/summary.js';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { account, desiredState } from '../support/states.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { audit, codes } from './support.js';

let sn: TestInstance;
let today: string;
const daysBefore = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** Plant platform-set values through the emulator's control endpoint, as a test of a real instance cannot. */
async function stamp(userName: string, values: Record<string, string | null>): Promise<Response> {
  return fetch(`${sn.url}/__snac/users/${userName}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(values) });
}

beforeAll(async () => {
  sn = await startInstance({ seed: 'demo' });
  today = sn.emulator.instance.clock.glideDateTime().slice(0, 10);
  expect((await stamp('svc_cmdb_import', { last_login_time: `${daysBefore(200)} 08:00:00` })).status).toBe(200);
  expect((await stamp('svc_teams_bot', { last_login_time: null, sys_created_on: `${daysBefore(120)} 09:30:00` })).status).toBe(200);
  expect((await stamp('svc_catalog_api', { last_login_time: `${daysBefore(10)} 08:00:00` })).status).toBe(200);
});
afterAll(() => sn.close());

describe('audit: machine identities, over HTTP against the demo instance', () => {
  it('names dormant accounts planted through the control endpoints, with the date and what runs as them', async () => {
    const report = await audit(sn.url, 'admin', 'admin', undefined, 'admin', today);
    const dormant = report.accounts.filter((f) => f.code === 'account-dormant');
    expect(codes(dormant)).toEqual(['account-dormant svc_cmdb_import', 'account-dormant svc_teams_bot']);
    expect(dormant[0]?.summary).toBe(`svc_cmdb_import is dormant: it last logged in on ${daysBefore(200)}, 200 days ago; still set up to run as it: job CMDB nightly import, job CMDB stale CI cleanup, auth profile CMDB loopback import`);
    expect(dormant[1]?.summary).toContain(`never logged in since it was created on ${daysBefore(120)}, 120 days ago`);
    expect(dormant.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('follows policy.dormant_after_days and the rule\'s severity in snac.yaml', async () => {
    const strict = desiredState({ config: { policy: { ...DEFAULT_CONFIG.policy, dormantAfterDays: 5, rules: { 'dormant-account': { enabled: true, severity: 'error', exceptions: ['svc_teams_bot'] } } } } });
    const report = await audit(sn.url, 'admin', 'admin', strict, 'admin', today);
    const dormant = report.accounts.filter((f) => f.code === 'account-dormant');
    expect(codes(dormant)).toEqual(['account-dormant svc_catalog_api', 'account-dormant svc_cmdb_import']);
    expect(dormant.every((f) => f.severity === 'error')).toBe(true);
  });

  it('counts machine identities, privileged, dormant and Basic-only ones on one screen, and lists the privileged', async () => {
    const declared = desiredState({ accounts: [{ ...account('svc_jira_sync'), authentication: { value: 'basic', at: { file: 'accounts/svc_jira_sync.yaml', line: 3, column: 17 } } }] });
    const report = await audit(sn.url, 'admin', 'admin', declared, 'admin', today);
    const summary = summarise(report);
    expect(summary.machineIdentities).toBe(report.machineIdentities.length);
    expect(summary.machineIdentities).toBeGreaterThan(20);
    expect(summary.dormant).toBe(2);
    expect(report.machineIdentities.find((i) => i.account === 'svc_snac')?.authentication).toEqual(['oauth']);
    expect(report.machineIdentities.find((i) => i.account === 'svc_jira_sync')?.authentication).toEqual(['basic']);
    expect(report.machineIdentities.find((i) => i.account === 'svc_backup_export')?.authentication).toEqual(['basic']);
    expect(codes(report.accounts.filter((f) => f.code === 'account-basic-auth'))).toEqual(expect.arrayContaining(['account-basic-auth svc_jira_sync', 'account-basic-auth svc_backup_export']));
    expect(summary.basicOnly).toBe(report.accounts.filter((f) => f.code === 'account-basic-auth').length);
    const privileged = report.machineIdentities.filter((i) => i.privilegedRoles.length > 0);
    expect(privileged.map((i) => i.account)).toContain('svc_reporting');
    expect(summary.privileged).toBe(privileged.length);

    const text = renderAuditText(report, { instanceName: 'demo' });
    const top = text.split('\n').slice(0, 8).join('\n');
    expect(top).toContain(`Machine identities: ${summary.machineIdentities} active service accounts in scope`);
    expect(top).toContain(`privileged ${summary.privileged}, dormant 2, Basic auth only ${summary.basicOnly}`);
    expect(top).toMatch(/findings: \d+ errors?, \d+ warnings?/);
    expect(text).toMatch(/Privileged machine identities:\n(  .*\n)*  svc_reporting: admin/);
    const markdown = renderAuditMarkdown(report);
    expect(markdown).toContain(`| ${summary.machineIdentities} | ${summary.identityTypeMachine} | ${summary.privileged} | 2 | ${summary.basicOnly} |`);
  });

  it('refuses to stamp other fields, bad dates and unknown users', async () => {
    expect((await stamp('svc_cmdb_import', { active: 'false' })).status).toBe(400);
    expect((await stamp('svc_cmdb_import', { last_login_time: 'yesterday' })).status).toBe(400);
    expect((await stamp('nobody', { last_login_time: null })).status).toBe(404);
  });
});
