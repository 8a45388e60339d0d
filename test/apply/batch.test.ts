import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyChanges } from '../../src/apply/apply.js';
import { applyReviewedPlan } from '../../src/apply/apply-reviewed.js';
import { Journal } from '../../src/apply/journal.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { startEmulatorServer, type RunningEmulator } from '../../src/emulator/http/server.js';
import type { LimitsProfile } from '../../src/emulator/limits/profile.js';
import { readLive, selectionFor } from '../../src/kinds/read-live.js';
import { plan } from '../../src/planner/plan.js';
import { basicClient } from '../support/client.js';
import { account, desiredState, group } from '../support/states.js';
import { mechanicsOnly } from '../support/plan-context.js';

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const desired = desiredState({
  config: { safety: { maxPrunes: 10, maxChangeShare: 1, minAdmins: 1 } },
  groups: [group('Batch Group', { description: 'Made in batches' }, ['itil'])],
  accounts: Array.from({ length: 12 }, (_, i) => account(`svc_b_${String(i).padStart(2, '0')}`, { first_name: `B${i}` }, { groups: ['Batch Group'], roles: ['rest_api_explorer'] })),
});

type Api = ReturnType<typeof basicClient>;

async function applyWithBatches(limits: LimitsProfile, batchSize: number, wrap: (api: Api) => Api = (api) => api) {
  const emulator = new Emulator({ seed: 'empty', limits, sleep: async () => {} });
  running = await startEmulatorServer(emulator, 0);
  const api = wrap(basicClient(running.url, 'admin', 'admin', { sleep: async () => {}, timeouts: { readMs: 2000, writeMs: 2000 } }));
  const live = await readLive(api, selectionFor(desired), { instance: 'batch' });
  const first = plan(desired, live, mechanicsOnly({ reconciler: 'svc_snac' }));
  const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-batch-')), 'journal.jsonl'));
  const report = await applyChanges(api, first.changes, live, { planHash: first.planHash, journal, batchSize });
  const after = plan(desired, await readLive(api, selectionFor(desired), { instance: 'batch' }), mechanicsOnly({ reconciler: 'svc_snac' }));
  return { emulator, report, after, changes: first.changes.length };
}

/** Faults are scheduled by what a request is, not by its place among all requests (reads come and go). */
const BATCH = '^POST /api/now/v1/batch';
/** The read-back of a write: a query for the one row, asking for its sys_id only. */
const readBackOf = (table: string, query: string) => `^GET /api/now/table/${table}\\?sysparm_query=${query}\\^ORDERBYsys_id&sysparm_fields=sys_id&`;

describe('apply through the Batch API', () => {
  it('writes every change in a few batch requests and converges', async () => {
    const { emulator, report, after, changes } = await applyWithBatches({}, 10);
    expect(changes).toBe(38);
    expect(report.counts).toMatchObject({ ok: 38, failed: 0, unknown: 0 });
    expect(after.changes).toEqual([]);
    // 38 changes in 4 phases (1 group, 1 group role, 12 accounts, 24 links), at most 10 per
    // request: 1 + 1 + 2 + 3 requests, and no write outside a batch.
    expect(emulator.stats.byRoute.get('POST batch')).toBe(7);
    expect([...emulator.stats.byRoute.keys()].filter((route) => /^(POST|PATCH|DELETE) table/.test(route))).toEqual([]);
  });

  it('sends again what the instance left unserviced when the batch quota ran out', async () => {
    const { emulator, report, after } = await applyWithBatches({ latency: { roundTripMs: 0, transactionMs: 0, rowReadMs: 0, writeMs: 100 }, quotas: { tableMs: 60_000, batchMs: 250 } }, 10);
    expect(report.counts).toMatchObject({ ok: 38, failed: 0, unknown: 0 });
    // Two 100 ms writes fit in a 250 ms batch: the rest comes back unserviced, round after round.
    expect(emulator.stats.byRoute.get('POST batch')).toBeGreaterThanOrEqual(19);
    expect(after.changes).toEqual([]);
  });

  it('reads back every item of a batch whose answer was lost, and creates nothing twice', async () => {
    // The first batch (the group) and the third (the first accounts) land; their answers are lost.
    const schedule = [{ match: BATCH, request: 1, fault: 'commit-then-reset' }, { match: BATCH, request: 3, fault: 'commit-then-503' }] as const;
    const { emulator, report, after } = await applyWithBatches({ faults: { seed: 7, rates: {}, schedule, retryAfterSeconds: 1, timeoutMs: 1000 } }, 10);
    expect(Object.fromEntries(emulator.stats.faults)).toEqual({ 'commit-then-reset': 1, 'commit-then-503': 1 });
    expect(report.counts.failed + report.counts.unknown).toBe(0);
    expect(report.counts.adopted).toBeGreaterThan(0);
    expect(after.changes).toEqual([]);
    const names = [...emulator.instance.store.scan('sys_user')].map((u) => u.values['user_name']);
    expect(new Set(names).size).toBe(names.length);
    const members = [...emulator.instance.store.scan('sys_user_grmember')].map((m) => `${m.values['user']}:${m.values['group']}`);
    expect(new Set(members).size).toBe(members.length);
  });

  it('reads back an item reported unserviced before sending it again: one that landed is adopted, not written twice', async () => {
    let reported = 0;
    const unservicedAfterCommit = (api: Api): Api => ({
      ...api,
      async batch(items) {
        const answers = await api.batch(items);
        const last = answers.length - 1;
        if (reported < 3 && answers[last]?.outcome === 'ok') {
          reported += 1;
          return answers.map((answer, i) => (i === last ? { outcome: 'unserviced' as const } : answer));
        }
        return answers;
      },
    });
    const { emulator, report, after } = await applyWithBatches({}, 10, unservicedAfterCommit);
    expect(reported).toBe(3);
    expect(report.counts).toMatchObject({ adopted: 3, failed: 0, unknown: 0 });
    expect(report.counts.ok + report.counts.adopted).toBe(38);
    expect(emulator.stats.byRoute.get('POST batch')).toBe(7);
    expect(after.changes).toEqual([]);
  });
});

/** An emulator with these limits, read and planned: the input applyReviewedPlan takes. */
async function reviewedOn(limits: LimitsProfile) {
  const emulator = new Emulator({ seed: 'empty', limits, sleep: async () => {} });
  running = await startEmulatorServer(emulator, 0);
  const api = basicClient(running.url, 'admin', 'admin', { sleep: async () => {}, timeouts: { readMs: 2000, writeMs: 2000 } });
  const live = await readLive(api, selectionFor(desired), { instance: api.instance });
  const reviewed = plan(desired, live, mechanicsOnly({ reconciler: 'svc_snac' }));
  const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-batch-')), 'journal.jsonl'));
  return { emulator, live, reviewed, journal, input: { reviewed, desired, api, journal, planOptions: mechanicsOnly({ reconciler: 'svc_snac' }) } };
}

describe('a batch item whose read-back fails', () => {
  it('is unknown on its own: the rest of the batch and the apply go on, its dependents are skipped, and the next apply confirms it', async () => {
    // The fourth batch is the first of account creates (after the group, its role and the other
    // groups' links); its answer is lost after the commit. The read-back of its first item
    // fails with a 500; the other items read back fine.
    const schedule = [{ match: BATCH, request: 4, fault: 'commit-then-reset' }, { match: readBackOf('sys_user', 'user_name=svc_b_00'), request: 1, fault: '500' }] as const;
    const limits: LimitsProfile = { faults: { seed: 7, rates: {}, schedule, retryAfterSeconds: 1, timeoutMs: 1000 } };
    const { emulator, live, reviewed, journal, input: planned } = await reviewedOn(limits);
    const input = { ...planned, batchSize: 10 };

    const first = await applyReviewedPlan({ ...input, fresh: { plan: reviewed, live } });
    if (first.kind !== 'applied') throw new Error(first.message);
    expect(Object.fromEntries(emulator.stats.faults)).toEqual({ 'commit-then-reset': 1, '500': 1 });
    const unknown = first.report.items.filter((i) => i.result.outcome === 'unknown');
    expect(unknown.map((i) => i.change.key)).toEqual(['svc_b_00']);
    expect(unknown[0]?.result.error).toContain('may have committed but could not be read back');
    const skipped = first.report.items.filter((i) => i.result.outcome === 'skipped');
    expect(skipped.map((i) => i.change.key).sort()).toEqual(['svc_b_00 → batch group', 'svc_b_00 → rest_api_explorer'].sort());
    expect(skipped[0]?.result.error).toContain('depends on svc_b_00, whose write has an unknown outcome');
    expect(first.report.counts).toMatchObject({ failed: 0, unknown: 1, skipped: 2 });
    expect(first.report.counts.ok + first.report.counts.adopted).toBe(35);
    const outcomes = (await journal.entries(reviewed.planHash)).filter((e) => e.outcome !== 'started');
    expect(outcomes).toHaveLength(38);

    const second = await applyReviewedPlan(input);
    if (second.kind !== 'applied') throw new Error(second.message);
    expect(second.report.items.map((i) => `${i.result.outcome} ${i.change.key}`).sort()).toEqual(['ok svc_b_00 → batch group', 'ok svc_b_00 → rest_api_explorer']);
    expect(second.remaining).toEqual([]);
    const names = [...emulator.instance.store.scan('sys_user')].map((u) => u.values['user_name']);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('a single write whose answer is lost and whose read-back fails', () => {
  it('is unknown, not failed, and what refers to it is skipped with that reason, not "does not exist"', async () => {
    // Concurrency 1: the group is created first; its answer is lost after the commit, and the
    // read-back fails with a 500.
    const schedule = [{ match: '^POST /api/now/table/sys_user_group\\?', request: 1, fault: 'commit-then-reset' }, { match: readBackOf('sys_user_group', 'name=Batch\\+Group'), request: 1, fault: '500' }] as const;
    const limits: LimitsProfile = { faults: { seed: 7, rates: {}, schedule, retryAfterSeconds: 1, timeoutMs: 1000 } };
    const { emulator, live, reviewed, input } = await reviewedOn(limits);
    const result = await applyReviewedPlan({ ...input, concurrency: 1, fresh: { plan: reviewed, live } });
    if (result.kind !== 'applied') throw new Error(result.message);
    expect(Object.fromEntries(emulator.stats.faults)).toEqual({ 'commit-then-reset': 1, '500': 1 });
    const byOutcome = (o: string) => result.report.items.filter((i) => i.result.outcome === o);
    expect(byOutcome('unknown').map((i) => i.change.key)).toEqual(['batch group']);
    expect(byOutcome('failed')).toEqual([]);
    expect(byOutcome('skipped')).toHaveLength(13);
    for (const item of byOutcome('skipped')) expect(item.result.error).toContain('depends on batch group, whose write has an unknown outcome');
    // The group did commit: the next apply confirms it and writes only what was skipped.
    expect(result.remaining).toHaveLength(13);
    const again = await applyReviewedPlan(input);
    expect(again.kind === 'applied' && again.remaining).toEqual([]);
  });
});

describe('an apply whose AbortSignal fires', () => {
  it('starts no new write: the writes not started are skipped as such and never journaled as started', async () => {
    const emulator = new Emulator({ seed: 'empty', sleep: async () => {} });
    running = await startEmulatorServer(emulator, 0);
    const api = basicClient(running.url, 'admin', 'admin');
    const live = await readLive(api, selectionFor(desired), { instance: api.instance });
    const reviewed = plan(desired, live, mechanicsOnly({ reconciler: 'svc_snac' }));
    const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-abort-')), 'journal.jsonl'));
    const stop = new AbortController();
    let written = 0;
    const result = await applyReviewedPlan({
      reviewed, desired, api, journal, planOptions: mechanicsOnly({ reconciler: 'svc_snac' }), concurrency: 1, signal: stop.signal, fresh: { plan: reviewed, live },
      onItem: () => (written += 1) === 3 && stop.abort(),
    });
    if (result.kind !== 'applied') throw new Error(result.message);
    expect(result.report.counts).toMatchObject({ ok: 3, skipped: reviewed.changes.length - 3 });
    expect(result.report.items.filter((i) => i.result.outcome === 'skipped').every((i) => i.result.error?.startsWith('not started'))).toBe(true);
    expect((await journal.entries(reviewed.planHash)).filter((e) => e.outcome === 'started')).toHaveLength(3);
    expect(result.remaining).toHaveLength(reviewed.changes.length - 3);
  });
});

describe('a write that could not be confirmed but did land', () => {
  it('is reported unknown, and the apply still counts as converged: the re-plan is empty', async () => {
    // Concurrency 1, 38 writes: the last one lands and its answer is lost; its read-back (the only
    // one of the apply) fails.
    const schedule = [{ match: '^POST /api/now/table/', request: 38, fault: 'commit-then-reset' }, { match: readBackOf('[a-z_]+', '[^&]*'), request: 1, fault: '500' }] as const;
    const { emulator, input, reviewed, live } = await reviewedOn({ faults: { seed: 7, rates: {}, schedule, retryAfterSeconds: 1, timeoutMs: 1000 } });
    expect(reviewed.changes).toHaveLength(38);
    const result = await applyReviewedPlan({ ...input, concurrency: 1, fresh: { plan: reviewed, live } });
    if (result.kind !== 'applied') throw new Error(result.message);
    expect(Object.fromEntries(emulator.stats.faults)).toEqual({ 'commit-then-reset': 1, '500': 1 });
    expect(result.report.counts).toMatchObject({ ok: 37, unknown: 1, failed: 0, skipped: 0 });
    expect(result.remaining).toEqual([]);
  });
});
