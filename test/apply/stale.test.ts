import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyReviewedPlan } from '../../src/apply/apply-reviewed.js';
import { Journal } from '../../src/apply/journal.js';
import { readLive, selectionFor } from '../../src/kinds/read-live.js';
import { plan } from '../../src/planner/plan.js';
import { basicClient } from '../support/client.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { account, desiredState, group } from '../support/states.js';
import { mechanicsOnly } from '../support/plan-context.js';

/**
 * A busy instance changes all the time in ways a plan does not care about. Between review and
 * apply, none of these may refuse the reviewed plan; a change to what the plan manages must.
 */
let sn: TestInstance;
beforeEach(async () => {
  sn = await startInstance({ seed: 'demo' });
});
afterEach(() => sn.close());

const desired = desiredState({
  config: { prune: 'ignore' },
  groups: [group('snac stale group', { description: 'Made by snac' }, ['itil'])],
  accounts: [account('svc_jira_sync', { email: 'jira@acme.example' }, { groups: ['snac stale group'], roles: [] })],
});
const planOptions = mechanicsOnly({ reconciler: 'svc_snac', allow: ['needs-elevation'] });

const sysId = (table: string, field: string, value: string) => sn.emulator.instance.findBy(table, field, value)?.values['sys_id'] ?? '';
const admin = () => sn.as('admin', 'admin');

const busyInstance: Record<string, () => Promise<unknown>> = {
  'a failed login of an account the plan updates': () => sn.as('svc_jira_sync', 'not-its-password').get('/api/now/table/sys_user?sysparm_limit=1'),
  // The Explicit Roles plugin grants snc_internal at an account's first login: a row on a record the plan touches.
  'the first login of an account whose roles the plan manages': async () => {
    const grants = () => sn.emulator.instance.store.lookup('sys_user_has_role', 'user', sysId('sys_user', 'user_name', 'svc_jira_sync')).length;
    const before = grants();
    await sn.as('svc_jira_sync', 'demo').get('/api/now/table/sys_user?sysparm_limit=1');
    expect(grants()).toBe(before + 1);
  },
  'a description edit on a role nobody declared': () => admin().patch(`/api/now/table/sys_user_role/${sysId('sys_user_role', 'name', 'soap')}`, { description: 'edited by hand' }),
  'a role added to a group nobody declared': () => admin().post('/api/now/table/sys_group_has_role', { group: sysId('sys_user_group', 'name', 'MID Servers'), role: sysId('sys_user_role', 'name', 'itil') }),
};

describe('a reviewed plan on a busy instance', () => {
  it.each(Object.keys(busyInstance))('is applied after %s', async (event) => {
    const api = basicClient(sn.url, 'admin', 'admin');
    const reviewed = plan(desired, await readLive(api, selectionFor(desired), { instance: api.instance }), planOptions);
    expect(reviewed.changes.length).toBeGreaterThan(0);
    await busyInstance[event]?.();
    const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-stale-')), 'journal.jsonl'));
    const result = await applyReviewedPlan({ reviewed, desired, api, journal, planOptions });
    if (result.kind === 'refused') throw new Error(`${event}: refused: ${result.findings.map((f) => f.summary).join('; ')}`);
    expect(result.report.counts.failed).toBe(0);
    expect(result.remaining).toEqual([]);
  });

  it('is refused, writing nothing, when a managed field of a record it touches changed', async () => {
    const api = basicClient(sn.url, 'admin', 'admin');
    const reviewed = plan(desired, await readLive(api, selectionFor(desired), { instance: api.instance }), planOptions);
    await admin().patch(`/api/now/table/sys_user/${sysId('sys_user', 'user_name', 'svc_jira_sync')}`, { email: 'someone-else@acme.example' });
    sn.emulator.stats.reset();
    const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-stale-')), 'journal.jsonl'));
    const result = await applyReviewedPlan({ reviewed, desired, api, journal, planOptions });
    expect(result).toMatchObject({ kind: 'refused', reason: 'stale' });
    expect(result.kind === 'refused' && result.findings[0]?.summary).toContain('the instance changed since the plan was reviewed: changed on the instance since the review: update ServiceAccount svc_jira_sync (email) (svc_jira_sync last updated by admin');
    expect([...sn.emulator.stats.byRoute.keys()].filter((route) => !route.startsWith('GET'))).toEqual([]);
  });
});
