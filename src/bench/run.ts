import { parseArgs } from 'node:util';
import { applyReviewedPlan } from '../apply/apply-reviewed.js';
import { Journal } from '../apply/journal.js';
import { SECTION_DEFAULTS, type LatencyProfile } from '../emulator/limits/profile.js';
import { readLive, selectionFor } from '../kinds/read-live.js';
import { DEFAULT_CONFIG } from '../model/config.js';
import type { DesiredServiceAccount, DesiredState } from '../model/desired.js';
import type { LiveState } from '../kinds/live.js';
import { NO_DEPENDENTS } from '../impact/dependents.js';
import { plan, type PlanContext } from '../planner/plan.js';
import { createTableApi, Secret, type TableApi } from '../servicenow/index.js';
import type { ApplyReport } from '../apply/apply.js';
import type { Plan } from '../plan/change.js';
import { startEmulatorProcess } from './emulator-process.js';
import { batchFloorMs, minimumPages, readFloorMs, writeFloorMs } from './floor.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rowCountsByTable } from '../kinds/row-counts.js';
import { PERSON_TABLE } from '../kinds/service-account.js';

/**
 * `npm run bench`: the figures PERFORMANCE.md asks for, on the emulator's load model (50 ms
 * round trip, 5 ms per transaction, 0.1 ms per row, 50 ms per write, one node of 4 API_INT
 * threads, one transaction per session). Prints figures; asserts nothing (timings on shared
 * machines are for reading, not for failing builds).
 */
const PAGE_SIZE = 1000;
const CONCURRENCY = 4;
const BATCH = 10;
const at = { file: 'bench', line: 1, column: 1 };
/** The plan as CI makes it: every policy rule on; the scale instance runs no jobs as its accounts. */
const BENCH_CONTEXT: PlanContext = { reconciler: 'svc_snac', today: new Date().toISOString().slice(0, 10), dependents: NO_DEPENDENTS };

function desiredScale(accounts: number, changed: number, domain = 'bench.example'): DesiredState {
  const declared: DesiredServiceAccount[] = Array.from({ length: accounts }, (_, i) => {
    const userName = `svc_scale_${String(i).padStart(6, '0')}`;
    const email = i < changed ? `${userName}@${domain}` : `${userName}@example.com`;
    return { kind: 'ServiceAccount', key: userName, at, fields: { email: { value: email, at }, web_service_access_only: { value: true, at } } };
  });
  return {
    config: { ...DEFAULT_CONFIG, safety: { ...DEFAULT_CONFIG.safety, maxChangeShare: 1 } },
    accounts: declared,
    groups: [],
    roles: [],
    properties: [],
    oauthClients: [],
  };
}

/** Rows read per table, the owners apart (they are read by name, not by scope). */
function rowsByTable(live: LiveState): Record<string, number> {
  return { ...Object.fromEntries(rowCountsByTable(live)), [`${PERSON_TABLE} (owners)`]: live.people.length };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Apply a plan the way snac apply does (checks, writes, re-plan); the figures time the writes. */
async function applyBench(api: TableApi, desired: DesiredState, reviewed: Plan, live: LiveState, journal: Journal, batchSize: number): Promise<ApplyReport> {
  const result = await applyReviewedPlan({ reviewed, desired, api, journal, planOptions: BENCH_CONTEXT, fresh: { plan: reviewed, live }, pageSize: PAGE_SIZE, concurrency: CONCURRENCY, batchSize });
  if (result.kind === 'refused') throw new Error(`the bench plan was refused: ${result.message}`);
  return result.report;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { accounts: { type: 'string' }, changes: { type: 'string' } } });
  const accounts = Number(values.accounts ?? '10000');
  const changes = Number(values.changes ?? '1000');
  const latency: LatencyProfile = SECTION_DEFAULTS.latency;
  const out = (line = '') => process.stdout.write(`${line}\n`);

  out(`snac bench: scale:${accounts} on the emulator's load model (${JSON.stringify(latency)}; 1 node x 4 threads; 1 transaction per session)`);
  const emulator = await startEmulatorProcess(`scale:${accounts}`, { latency, semaphore: SECTION_DEFAULTS.semaphore, sessions: SECTION_DEFAULTS.sessions });
  try {
    const api = createTableApi({ url: emulator.url, credentials: { type: 'basic', username: 'admin', password: new Secret('admin'), source: 'bench' }, pageSize: PAGE_SIZE, concurrency: CONCURRENCY });
    const desired = desiredScale(accounts, 0);
    await emulator.resetStats();

    const started = performance.now();
    const live = await readLive(api, selectionFor(desired), { instance: 'bench', pageSize: PAGE_SIZE });
    const readMs = performance.now() - started;
    const rows = rowsByTable(live);
    const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
    const requests = api.log.totals().requests;
    const bound = minimumPages(rows, PAGE_SIZE) + Object.keys(rows).length;
    const floor = readFloorMs(rows, PAGE_SIZE, CONCURRENCY, latency);

    const cpu = process.cpuUsage();
    const planned = plan(desiredScale(accounts, changes), live, BENCH_CONTEXT);
    const planCpu = process.cpuUsage(cpu);

    out('');
    out('Plan (read + plan):');
    out(`  rows read           ${totalRows} (${Object.entries(rows).map(([t, n]) => `${t} ${n}`).join(', ')})`);
    out(`  requests            ${requests} (bound: sum of ceil(rows/${PAGE_SIZE}) + 1 per table = ${bound}); per table: ${api.log.summary()}`);
    out(`  per-record pattern  ${totalRows} requests: ${(totalRows / requests).toFixed(0)}x more than snac`);
    out(`  read time           ${seconds(readMs)} (floor ${seconds(floor)}: ${(readMs / floor).toFixed(2)}x)`);
    out(`  planning CPU        ${((planCpu.user + planCpu.system) / 1000).toFixed(0)} ms for ${planned.changes.length} changes`);

    await emulator.resetStats();
    const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-bench-')), 'journal.jsonl'));
    const report = await applyBench(api, desiredScale(accounts, changes), planned, live, journal, 1);
    const applyMs = report.elapsedMs;
    const stats = await emulator.stats();
    const writeFloor = writeFloorMs(planned.changes.length, CONCURRENCY, latency);
    out('');
    out(`Apply (${planned.changes.length} changes, concurrency ${CONCURRENCY}):`);
    out(`  outcomes            ${JSON.stringify(report.counts)}`);
    out(`  time                ${seconds(applyMs)} (floor ${seconds(writeFloor)}: ${(applyMs / writeFloor).toFixed(2)}x)`);
    out(`  429s provoked       ${String(stats['status429'] ?? (stats['byStatus'] as Record<string, number> | undefined)?.['429'] ?? 0)}; 202s ${String((stats['byStatus'] as Record<string, number> | undefined)?.['202'] ?? 0)}`);
    await emulator.resetStats();
    const again = await readLive(api, selectionFor(desired), { instance: 'bench', pageSize: PAGE_SIZE });
    const batched = plan(desiredScale(accounts, changes, 'batch.example'), again, BENCH_CONTEXT);
    const batchReport = await applyBench(api, desiredScale(accounts, changes, 'batch.example'), batched, again, journal, BATCH);
    const batchMs = batchReport.elapsedMs;
    const batchFloor = batchFloorMs(batched.changes.length, BATCH, CONCURRENCY, latency);
    out('');
    out(`Apply through the Batch API (${batched.changes.length} changes, ${BATCH} per request, concurrency ${CONCURRENCY}):`);
    out(`  outcomes            ${JSON.stringify(batchReport.counts)}`);
    out(`  time                ${seconds(batchMs)} (floor ${seconds(batchFloor)}: ${(batchMs / batchFloor).toFixed(2)}x)`);
    out('');
    out(`Peak memory (RSS of snac, the emulator runs in another process): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    emulator.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
