import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyReviewedPlan } from '../../src/apply/apply-reviewed.js';
import { Journal } from '../../src/apply/journal.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { startEmulatorServer } from '../../src/emulator/http/server.js';
import type { FaultKind } from '../../src/emulator/limits/profile.js';
import { SeedWriter } from '../../src/emulator/seeds/writer.js';
import { readLive, selectionFor } from '../../src/kinds/read-live.js';
import type { Plan } from '../../src/plan/change.js';
import { plan } from '../../src/planner/plan.js';
import { basicClient } from '../support/client.js';
import { account, desiredState, group, role } from '../support/states.js';
import { mechanicsOnly } from '../support/plan-context.js';

/**
 * The applier under a hostile network: seeded runs against an emulator injecting 10%
 * commit-then-fail writes, 5% resets, 5% 429 and 5% 503. Every run must converge within two
 * apply invocations, with no duplicate record and every write journaled. Even seeds write
 * through the Batch API (5 per request), odd seeds one request per change. Each invocation is
 * applyReviewedPlan, the function `snac apply` calls. `npm test` runs 4 seeds; `npm run
 * test:faults` runs the full 200 (SNAC_FAULT_RUNS), and SNAC_FAULT_DEBUG=1 prints every
 * invocation's outcome.
 */
const RUNS = Number(process.env['SNAC_FAULT_RUNS'] ?? '4');
const RATES: Partial<Record<FaultKind, number>> = {
  'commit-then-timeout': 0.034,
  'commit-then-reset': 0.033,
  'commit-then-503': 0.033,
  reset: 0.05,
  '429': 0.05,
  '503': 0.05,
};

const desired = desiredState({
  config: { safety: { maxPrunes: 10, maxChangeShare: 1, minAdmins: 1 } },
  roles: [role('u_fault_reader', { description: 'Reads' }, ['itil'])],
  groups: [group('Fault Group', { description: 'Granted to every fault account' }, ['u_fault_reader'])],
  accounts: [
    ...Array.from({ length: 6 }, (_, i) => account(`svc_f_${i}`, { first_name: `F${i}`, web_service_access_only: true }, { groups: ['Fault Group'], roles: ['rest_api_explorer'] })),
    account('svc_f_update', { email: 'new@acme.example' }, { groups: [], roles: [] }),
  ],
});

interface RunResult {
  converged: boolean;
  invocations: number;
  /** Invocations that threw instead of returning an outcome (a read that failed every retry). */
  crashes: number;
  duplicates: string[];
  unjournaled: string[];
  faults: number;
}

async function run(seed: number): Promise<RunResult> {
  const emulator = new Emulator({ seed: 'empty', limits: { faults: { seed, rates: RATES, schedule: [], retryAfterSeconds: 1, timeoutMs: 5_000 } } });
  const writer = new SeedWriter(emulator);
  writer.user({ user_name: 'svc_f_update', first_name: 'Update', last_name: 'Me', email: 'old@acme.example', roles: ['itil'], groups: [] });
  writer.user({ user_name: 'svc_f_retired', first_name: 'Retired', last_name: 'Account', web_service_access_only: true, roles: [], groups: [] });
  const server = await startEmulatorServer(emulator, 0);
  const api = basicClient(server.url, 'admin', 'admin', { sleep: async () => {}, timeouts: { readMs: 400, writeMs: 400 } });
  const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-faults-')), 'journal.jsonl'));
  const options = { reconciler: 'svc_snac' };
  let reviewed: Plan | undefined;
  let converged = false;
  let invocations = 0;
  let crashes = 0;
  try {
    for (invocations = 1; invocations <= 2 && !converged; invocations += 1) {
      try {
        reviewed ??= plan(desired, await readLive(api, selectionFor(desired), { instance: api.instance }), mechanicsOnly(options));
        const result = await applyReviewedPlan({ reviewed, desired, api, journal, planOptions: mechanicsOnly(options), batchSize: seed % 2 === 0 ? 5 : 1 });
        if (result.kind === 'refused') throw new Error(`run ${seed}: refused after invocation ${invocations - 1}: ${result.message} ${result.findings.map((f) => f.summary).join('; ')}`);
        converged = result.remaining?.length === 0;
        if (process.env['SNAC_FAULT_DEBUG']) {
          process.stdout.write(`run ${seed} invocation ${invocations}: ${JSON.stringify(result.report.counts)} left ${(result.remaining ?? []).map((c) => `${c.action} ${c.key}`).join('; ')}\n`);
          for (const item of result.report.items) if (item.result.error) process.stdout.write(`  ${item.change.key}: ${item.result.error}\n`);
        }
      } catch (error) {
        if (error instanceof Error && error.message.includes('refused')) throw error;
        crashes += 1;
        if (process.env['SNAC_FAULT_DEBUG']) process.stdout.write(`run ${seed} invocation ${invocations}: ${String(error)}\n`);
      }
    }
    invocations -= 1;
    return { converged, invocations, crashes, duplicates: duplicates(emulator), unjournaled: await unjournaled(emulator, journal, reviewed), faults: [...emulator.stats.faults.values()].reduce((a, b) => a + b, 0) };
  } finally {
    await server.close();
  }
}

/** Records that exist more than once by natural key: what a blindly repeated create leaves. */
function duplicates(emulator: Emulator): string[] {
  const seen = new Map<string, number>();
  const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
  for (const r of emulator.instance.store.scan('sys_user')) count(`sys_user:${r.values['user_name']}`);
  for (const r of emulator.instance.store.scan('sys_user_group')) count(`group:${r.values['name']}`);
  for (const r of emulator.instance.store.scan('sys_user_role')) count(`role:${r.values['name']}`);
  for (const r of emulator.instance.store.scan('sys_user_grmember')) count(`member:${r.values['user']}:${r.values['group']}`);
  for (const r of emulator.instance.store.scan('sys_group_has_role')) count(`group_role:${r.values['group']}:${r.values['role']}`);
  for (const r of emulator.instance.store.scan('sys_user_role_contains')) count(`contains:${r.values['role']}:${r.values['contains']}`);
  for (const r of emulator.instance.store.scan('sys_user_has_role')) if (r.values['inherited'] === 'false') count(`has_role:${r.values['user']}:${r.values['role']}`);
  return [...seen].filter(([, n]) => n > 1).map(([key]) => key);
}

/** Records the applier created that its journal does not mention. */
async function unjournaled(emulator: Emulator, journal: Journal, reviewed: Plan | undefined): Promise<string[]> {
  if (reviewed === undefined) return [];
  const keys = new Set((await journal.entries(reviewed.planHash)).map((e) => `${e.kind}:${e.key}`));
  const missing: string[] = [];
  for (const r of emulator.instance.store.scan('sys_user')) {
    const name = r.values['user_name'] ?? '';
    if (/^svc_f_\d$/.test(name) && !keys.has(`ServiceAccount:${name}`)) missing.push(name);
  }
  return missing;
}

describe('apply under injected faults', () => {
  it(`converges within two invocations in ${RUNS} seeded runs, with no duplicate and every write journaled`, async () => {
    const results: RunResult[] = [];
    for (let seed = 1; seed <= RUNS; seed += 1) results.push(await run(seed));
    const figures = {
      runs: results.length,
      faultsInjected: results.reduce((n, r) => n + r.faults, 0),
      crashes: results.reduce((n, r) => n + r.crashes, 0),
      secondInvocationNeeded: results.filter((r) => r.invocations === 2).length,
      duplicates: results.reduce((n, r) => n + r.duplicates.length, 0),
      unjournaled: results.reduce((n, r) => n + r.unjournaled.length, 0),
      nonConverged: results.filter((r) => !r.converged).length,
    };
    process.stdout.write(`fault-injection figures: ${JSON.stringify(figures)}\n`);
    expect(figures.faultsInjected).toBeGreaterThan(RUNS);
    expect(results.flatMap((r) => r.duplicates)).toEqual([]);
    expect(results.flatMap((r) => r.unjournaled)).toEqual([]);
    expect(figures.nonConverged).toBe(0);
  }, 600_000);
});
