import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChanges } from '../../src/apply/apply.js';
import { Journal } from '../../src/apply/journal.js';
import { applyReviewedPlan } from '../../src/apply/apply-reviewed.js';
import { staleFindings } from '../../src/apply/stale.js';
import { Limits } from '../../src/emulator/limits/limits.js';
import { readLive, selectionFor } from '../../src/kinds/read-live.js';
import { renderApplyText } from '../../src/render/apply-report.js';
import type { DesiredState } from '../../src/kinds/desired.js';
import { plan } from '../../src/planner/plan.js';
import type { TableApi } from '../../src/servicenow/index.js';
import { basicClient } from '../support/client.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { account, desiredState, group, property, role } from '../support/states.js';
import { mechanicsOnly } from '../support/plan-context.js';

let sn: TestInstance;
let journal: Journal;
beforeEach(async () => {
  sn = await startInstance({ seed: 'demo' });
  journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-apply-')), 'journal.jsonl'));
});
afterEach(() => sn.close());

const planOn = async (api: TableApi, desired: DesiredState) => {
  const live = await readLive(api, selectionFor(desired), { instance: api.instance });
  return { live, plan: plan(desired, live, mechanicsOnly({ reconciler: 'svc_snac', allow: ['needs-elevation'] })) };
};

const desired = () =>
  desiredState({
    config: { prune: 'ignore' },
    roles: [role('u_snac_test_reader', { description: 'Reads things' }, ['itil'])],
    groups: [group('snac test group', { description: 'Made by snac' }, ['u_snac_test_reader'])],
    accounts: [
      account('svc_new_integration', { first_name: 'New', last_name: 'Integration', manager: 'grace.kim', web_service_access_only: true }, { groups: ['snac test group'], roles: ['rest_api_explorer'] }),
      account('svc_jira_sync', { web_service_access_only: true }, { groups: [], roles: [] }),
      account('svc_legacy_soap', { active: false }),
    ],
    properties: [property('glide.user.max_unlock_attempts', '3')],
  });

describe('apply against the emulator', () => {
  it('applies creates, updates, grants, revokes, memberships and properties, then plans as a no-op', async () => {
    const api = basicClient(sn.url, 'admin', 'admin');
    const first = await planOn(api, desired());
    expect(first.plan.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([
      'create Role u_snac_test_reader',
      'grant RoleContains u_snac_test_reader → itil',
      'create Group snac test group',
      'grant GroupRole snac test group → u_snac_test_reader',
      'update ServiceAccount svc_jira_sync',
      'create ServiceAccount svc_new_integration',
      'grant DirectRole svc_new_integration → rest_api_explorer',
      'grant Membership svc_new_integration → snac test group',
      'set SecuritySettings glide.user.max_unlock_attempts',
      'revoke Membership svc_jira_sync → servicenow service accounts',
    ]);
    const report = await applyChanges(api, first.plan.changes, first.live, { planHash: first.plan.planHash, journal });
    expect(report.counts).toEqual({ ok: 10, adopted: 0, failed: 0, unknown: 0, skipped: 0 });

    const again = await planOn(api, desired());
    expect(again.plan.changes).toEqual([]);
    const user = sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_new_integration');
    expect(user?.values['web_service_access_only']).toBe('true');
    const entries = await journal.entries(first.plan.planHash);
    expect(entries.filter((e) => e.outcome === 'started')).toHaveLength(10);
    const outcomes = entries.filter((e) => e.outcome !== 'started');
    expect(outcomes).toHaveLength(10);
    expect(outcomes.every((e) => e.outcome === 'ok' && /^[0-9a-f]{32}$/.test(e.sysId ?? ''))).toBe(true);
  });

  it('reports seed 002 clearly: the reconciler without the right role gets 403 per item, and the others still land', async () => {
    const api = basicClient(sn.url, 'svc_snac', 'snac');
    const wanting = desiredState({ config: { prune: 'ignore' }, accounts: [account('svc_monitoring_reader', {}, { roles: ['admin'] }), account('svc_jira_sync', { email: 'jira@acme.example' })] });
    const { plan: p, live } = await planOn(api, wanting);
    const report = await applyChanges(api, p.changes, live, { planHash: p.planHash, journal });
    const failed = report.items.filter((i) => i.result.outcome === 'failed');
    expect(report.items.some((i) => i.change.key === 'svc_jira_sync' && i.result.outcome === 'ok')).toBe(true);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]?.result.error).toMatch(/403/);
  });

  it('refuses a stale plan and names the record that changed and who changed it', async () => {
    const api = basicClient(sn.url, 'admin', 'admin');
    const reviewed = await planOn(api, desired());
    const legacy = sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_legacy_soap')?.values['sys_id'];
    expect((await sn.as('admin', 'admin').patch(`/api/now/table/sys_user/${legacy}`, { active: 'true' })).status).toBe(200);
    const fresh = await planOn(api, desired());
    const stale = staleFindings(reviewed.plan, fresh.plan, fresh.live);
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ code: 'stale-plan', blocking: true });
    expect(stale[0]?.summary).toMatch(/^the instance changed since the plan was reviewed: /);
    expect(stale[0]?.summary).toContain('not in the reviewed plan: update ServiceAccount svc_legacy_soap (svc_legacy_soap last updated by admin at ');
    expect(stale[0]?.fix).toBe('nothing was written; run snac plan again, review the new plan, and apply that one');
    expect(staleFindings(reviewed.plan, reviewed.plan, reviewed.live)).toEqual([]);
  });

  it('resumes an interrupted apply without its journal (a fresh checkout): nothing written twice, and it converges', async () => {
    const api = basicClient(sn.url, 'admin', 'admin');
    const reviewed = await planOn(api, desired());
    await applyChanges(api, reviewed.plan.changes.slice(0, 5), reviewed.live, { planHash: reviewed.plan.planHash, journal });

    const freshCheckout = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-apply-')), 'journal.jsonl'));
    const result = await applyReviewedPlan({ reviewed: reviewed.plan, desired: desired(), api, journal: freshCheckout, planOptions: mechanicsOnly({ reconciler: 'svc_snac', allow: ['needs-elevation'] }) });
    if (result.kind !== 'applied') throw new Error(`refused: ${result.findings.map((f) => f.summary).join('; ')}`);
    expect(result.alreadyInPlace).toBe(5);
    expect(result.report.counts).toMatchObject({ ok: 5, skipped: 0, failed: 0 });
    expect(result.remaining).toEqual([]);
    expect((await freshCheckout.entries(reviewed.plan.planHash)).filter((e) => e.outcome === 'ok')).toHaveLength(5);
    expect(sn.emulator.instance.store.count('sys_user_group')).toBe(new Set([...sn.emulator.instance.store.scan('sys_user_group')].map((g) => g.values['name'])).size);
  });
});

describe('an apply whose final re-read fails', () => {
  it('still returns its outcome, marked unconfirmed, so CI has something to post', async () => {
    const api = basicClient(sn.url, 'admin', 'admin');
    const reviewed = await planOn(api, desired());
    let written = 0;
    const result = await applyReviewedPlan({
      reviewed: reviewed.plan, desired: desired(), api, journal, planOptions: mechanicsOnly({ reconciler: 'svc_snac', allow: ['needs-elevation'] }), fresh: reviewed,
      // Once the last write is in, every request fails: the re-read after writing cannot happen.
      onItem: () => (written += 1) === reviewed.plan.changes.length && (sn.emulator.limits = new Limits(sn.emulator.stats, { profile: { faults: { seed: 1, rates: { '500': 1 }, schedule: [], retryAfterSeconds: 1, timeoutMs: 1000 } } })),
    });
    if (result.kind !== 'applied') throw new Error(result.message);
    expect(result.report.counts.ok).toBe(reviewed.plan.changes.length);
    expect(result.remaining).toBeUndefined();
    expect(result.reReadError).toMatch(/500/);
    const text = renderApplyText({ instance: api.instance, planHash: reviewed.plan.planHash, items: result.report.items, remaining: [], unverified: result.reReadError ?? '' });
    expect(text).toContain('the instance could not be read again to confirm it matches the declarations');
  });
});
