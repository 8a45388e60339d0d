import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyReviewedPlan } from '../../src/apply/apply-reviewed.js';
import { Journal } from '../../src/apply/journal.js';
import { readLive, selectionFor } from '../../src/kinds/read-live.js';
import type { DesiredState } from '../../src/kinds/desired.js';
import { plan } from '../../src/planner/plan.js';
import type { TableApi } from '../../src/servicenow/index.js';
import { basicClient } from '../support/client.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { mechanicsOnly } from '../support/plan-context.js';
import { account, desiredState, group } from '../support/states.js';

/**
 * Two applies at once (or a hand-made copy) can leave one link in several rows. The reader sees
 * every row, the plan removes the extras keeping the oldest, and one apply heals it.
 */
let sn: TestInstance;
beforeEach(async () => {
  sn = await startInstance({ seed: 'demo' });
});
afterEach(() => sn.close());

const context = mechanicsOnly({ reconciler: 'svc_snac', allow: ['needs-elevation'] });
const sysIdOf = (table: string, field: string, value: string) => sn.emulator.instance.findBy(table, field, value)?.values['sys_id'] ?? '';
const rows = (table: string, query: string) => basicClient(sn.url, 'admin', 'admin').list(table, { query, fields: ['sys_id', 'sys_created_on'] });

async function planOn(api: TableApi, desired: DesiredState) {
  const live = await readLive(api, selectionFor(desired), { instance: api.instance });
  return plan(desired, live, context);
}

describe('duplicate link rows', () => {
  const desired = () =>
    desiredState({
      config: { prune: 'ignore' },
      groups: [group('Dup Team', { description: 'Made by snac' }, ['itil'])],
      accounts: [account('svc_jira_sync', {}, { groups: ['Dup Team'] })],
    });

  it('are planned away, keeping the oldest row, and one apply heals them', async () => {
    const api = basicClient(sn.url, 'admin', 'admin');
    const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-dup-')), 'journal.jsonl'));
    // Put the declarations in place first, then copy the membership and the group's role by hand.
    const first = await applyReviewedPlan({ reviewed: await planOn(api, desired()), desired: desired(), api, journal, planOptions: context });
    expect(first.kind === 'applied' && first.remaining).toEqual([]);
    const admin = sn.as('admin', 'admin');
    const user = sysIdOf('sys_user', 'user_name', 'svc_jira_sync');
    const team = sysIdOf('sys_user_group', 'name', 'Dup Team');
    const itil = sysIdOf('sys_user_role', 'name', 'itil');
    const oldest = await rows('sys_user_grmember', `user=${user}^group=${team}`);
    // The copies are made a minute later: the oldest row is then the one snac made (same-second
    // rows could go either way, on the instance as here).
    sn.emulator.instance.clock.advance(60_000);
    expect((await admin.post('/api/now/table/sys_user_grmember', { user, group: team })).status).toBe(201);
    expect((await admin.post('/api/now/table/sys_group_has_role', { group: team, role: itil })).status).toBe(201);

    const healing = await planOn(api, desired());
    expect(healing.changes.map((c) => `${c.action} ${c.kind} ${c.label ?? c.key} ${c.origin} ${c.duplicate ?? ''}`)).toEqual([
      'delete Membership svc_jira_sync → Dup Team (row 2) duplicate 2',
      'delete GroupRole Dup Team → itil (row 2) duplicate 2',
    ]);
    expect(healing.findings.filter((f) => f.blocking)).toEqual([]);
    expect(healing.changes.every((c) => c.risks.length === 0)).toBe(true);

    const healed = await applyReviewedPlan({ reviewed: healing, desired: desired(), api, journal, planOptions: context });
    expect(healed.kind === 'applied' && healed.remaining).toEqual([]);
    expect((await rows('sys_user_grmember', `user=${user}^group=${team}`)).map((r) => r['sys_id'])).toEqual(oldest.map((r) => r['sys_id']));
    expect(await rows('sys_group_has_role', `group=${team}^role=${itil}`)).toHaveLength(1);
  });

  it('of a link that is no longer declared are all removed: the link revoked and its copy deleted', async () => {
    const api = basicClient(sn.url, 'admin', 'admin');
    const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-dup-')), 'journal.jsonl'));
    await applyReviewedPlan({ reviewed: await planOn(api, desired()), desired: desired(), api, journal, planOptions: context });
    const user = sysIdOf('sys_user', 'user_name', 'svc_jira_sync');
    const team = sysIdOf('sys_user_group', 'name', 'Dup Team');
    await sn.as('admin', 'admin').post('/api/now/table/sys_user_grmember', { user, group: team });

    const leaving = desiredState({ config: { prune: 'ignore' }, groups: desired().records.Group, accounts: [account('svc_jira_sync', {}, { groups: [] })] });
    const reviewed = await planOn(api, leaving);
    expect(reviewed.changes.map((c) => `${c.action} ${c.kind} ${c.label ?? c.key}`)).toEqual([
      'revoke Membership svc_jira_sync → Dup Team',
      'delete Membership svc_jira_sync → Dup Team (row 2)',
    ]);
    const result = await applyReviewedPlan({ reviewed, desired: leaving, api, journal, planOptions: context });
    expect(result.kind === 'applied' && result.remaining).toEqual([]);
    expect(await rows('sys_user_grmember', `user=${user}^group=${team}`)).toEqual([]);
  });
});
