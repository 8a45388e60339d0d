import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyReviewedPlan } from '../apply/apply-reviewed.js';
import type { ApplyReport } from '../apply/apply.js';
import { Journal } from '../apply/journal.js';
import { SECTION_DEFAULTS } from '../emulator/limits/profile.js';
import type { LiveState } from '../kinds/live.js';
import { readLive, selectionFor } from '../kinds/read-live.js';
import type { DesiredState } from '../kinds/desired.js';
import type { Plan } from '../plan/change.js';
import { NO_DEPENDENTS } from '../impact/dependents.js';
import { plan, type PlanContext } from '../planner/plan.js';
import { createTableApi, Secret, type TableApi } from '../servicenow/index.js';
import { startEmulatorProcess } from './emulator-process.js';
import { batchFloorMs, minimumPages, perRecordReadMs, readFloorMs, writeFloorMs } from './floor.js';
import { BATCH, CONCURRENCY, LATENCY, PAGE_SIZE, type ProbeResult, type ReadResult } from './model.js';
import { desiredScale, rowsByTable, warmQueries } from './scenario.js';

/**
 * One benchmark scenario in a process of its own (so its peak RSS is its own): start the
 * emulator on `scale:N[,people:M]` under the load model, read and plan N declared accounts,
 * and with --changes K also apply K changes, one request each and then through the Batch
 * API. Prints one JSON line (ProbeResult) for bench/run.ts.
 */
/** The plan as CI makes it: every policy rule on; the scale instance runs no jobs as its accounts. */
const BENCH_CONTEXT: PlanContext = { reconciler: 'svc_snac', today: new Date().toISOString().slice(0, 10), dependents: NO_DEPENDENTS };

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/** Apply a plan the way snac apply does (checks, writes, re-plan); the figures time the writes. */
async function applyBench(api: TableApi, desired: DesiredState, reviewed: Plan, live: LiveState, journal: Journal, batchSize: number): Promise<ApplyReport> {
  const result = await applyReviewedPlan({ reviewed, desired, api, journal, planOptions: BENCH_CONTEXT, fresh: { plan: reviewed, live }, pageSize: PAGE_SIZE, concurrency: CONCURRENCY, batchSize });
  if (result.kind === 'refused') throw new Error(`the bench plan was refused: ${result.message}`);
  return result.report;
}

async function probe(accounts: number, people: number, changes: number): Promise<ProbeResult> {
  const seed = people > 0 ? `scale:${accounts},people:${people}` : `scale:${accounts}`;
  const seedStarted = performance.now();
  const emulator = await startEmulatorProcess(seed, { latency: LATENCY, semaphore: SECTION_DEFAULTS.semaphore, sessions: SECTION_DEFAULTS.sessions });
  const seedMs = performance.now() - seedStarted;
  try {
    await emulator.warm(warmQueries());
    let rows = 0;
    const api = createTableApi({
      url: emulator.url,
      credentials: { type: 'basic', username: 'admin', password: new Secret('admin'), source: 'bench' },
      pageSize: PAGE_SIZE,
      concurrency: CONCURRENCY,
      onPage: (_table, n) => void (rows += n),
    });
    // The plan figures: one account in ten changed, at every size.
    const desired = desiredScale(accounts, Math.ceil(accounts / 10));
    await emulator.resetStats();
    const emulatorCpu = async () => Number((await emulator.stats())['processCpuMs'] ?? 0);
    const emulatorCpuBefore = await emulatorCpu();

    const readCpu = process.cpuUsage();
    const started = performance.now();
    const live = await readLive(api, selectionFor(desired), { instance: 'bench', pageSize: PAGE_SIZE });
    const readMs = performance.now() - started;
    const readCpuMs = cpuMs(process.cpuUsage(readCpu));
    const emulatorCpuMs = (await emulatorCpu()) - emulatorCpuBefore;
    const byQuery = rowsByTable(live);
    const totals = api.log.totals();

    const planCpu = process.cpuUsage();
    const planned = plan(desired, live, BENCH_CONTEXT);
    const planCpuMs = cpuMs(process.cpuUsage(planCpu));
    const read: ReadResult = {
      accounts,
      people,
      seedMs,
      rows,
      rowsByQuery: byQuery,
      requests: totals.requests,
      kib: totals.bytesReceived / 1024,
      minimumRequests: minimumPages(byQuery, PAGE_SIZE),
      readMs,
      floorMs: readFloorMs(byQuery, PAGE_SIZE, CONCURRENCY, LATENCY),
      perRecordMs: perRecordReadMs(rows, CONCURRENCY, LATENCY),
      readCpuMs,
      planCpuMs,
      planChanges: planned.changes.length,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      heldHeapMb: heldHeapMb([desired, live, planned]),
      emulatorCpuMs,
    };
    if (changes === 0) return { read };

    const applyDesired = desiredScale(accounts, changes);
    const applyPlan = plan(applyDesired, live, BENCH_CONTEXT);
    await emulator.resetStats();
    const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-bench-')), 'journal.jsonl'));
    const report = await applyBench(api, applyDesired, applyPlan, live, journal, 1);
    const stats = await emulator.stats();
    const again = await readLive(api, selectionFor(applyDesired), { instance: 'bench', pageSize: PAGE_SIZE });
    const batchDesired = desiredScale(accounts, changes, 'batch.example');
    const batched = plan(batchDesired, again, BENCH_CONTEXT);
    const batchReport = await applyBench(api, batchDesired, batched, again, journal, BATCH);
    const count = (name: string) => Number(stats[name] ?? 0);
    return {
      read,
      apply: {
        changes: applyPlan.changes.length,
        ms: report.elapsedMs,
        floorMs: writeFloorMs(applyPlan.changes.length, CONCURRENCY, LATENCY),
        counts: report.counts,
        status429: count('status429'),
        status202: count('status202'),
        batchSize: BATCH,
        batchMs: batchReport.elapsedMs,
        batchFloorMs: batchFloorMs(batched.changes.length, BATCH, CONCURRENCY, LATENCY),
        batchCounts: batchReport.counts,
      },
    };
  } finally {
    emulator.stop();
  }
}

/** Heap in use after a full collection (run.ts starts probes with --expose-gc), `held` kept alive through it. */
function heldHeapMb(held: readonly unknown[]): number {
  if (typeof globalThis.gc !== 'function') throw new Error('the probe needs node --expose-gc (npm run bench starts it so)');
  globalThis.gc();
  return held.length > 0 ? process.memoryUsage().heapUsed / (1024 * 1024) : 0;
}

const { values } = parseArgs({ options: { accounts: { type: 'string' }, people: { type: 'string' }, changes: { type: 'string' } } });
probe(Number(values.accounts ?? '1000'), Number(values.people ?? '0'), Number(values.changes ?? '0')).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`bench probe failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
