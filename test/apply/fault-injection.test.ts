import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/apply/journal.js';
import { LOCK_NAME } from '../../src/apply/lock.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { startEmulatorServer } from '../../src/emulator/http/server.js';
import { Limits } from '../../src/emulator/limits/limits.js';
import type { FaultKind } from '../../src/emulator/limits/profile.js';
import { SeedWriter } from '../../src/emulator/seeds/writer.js';
import { main } from '../../src/main.js';
import type { Plan } from '../../src/plan/change.js';
import { duplicateRows, RECONCILER_ENV } from '../support/apply-project.js';
import { captureIo } from '../support/io.js';

/**
 * `snac apply --plan` under a hostile network, the way CI runs it: the real command (exit code,
 * outcome, re-read), as snac's least-privileged account, with real retry waits under a short
 * timeout profile. Each seeded run plans fault-free, then applies through an emulator injecting
 * commit-then-fail writes (the write lands, its answer is lost), resets, timeouts, 429s and
 * 503s, at most twice. Every run must converge, crash never (an invocation that prints no
 * outcome is a crash), journal a start and an outcome for every reviewed change, create
 * nothing twice, and leave the instance record by record as a fault-free apply does. Even seeds
 * write through the Batch API (5 per request). `npm test` runs 3 seeds; `npm run test:faults`
 * runs 200 (SNAC_FAULT_RUNS), and SNAC_FAULT_DEBUG=1 prints every invocation's outcome.
 */
const RUNS = Number(process.env['SNAC_FAULT_RUNS'] ?? '3');
const RATES: Partial<Record<FaultKind, number>> = {
  'commit-then-timeout': 0.03,
  'commit-then-reset': 0.03,
  'commit-then-503': 0.03,
  reset: 0.04,
  timeout: 0.01,
  '429': 0.01,
  '429-no-retry-after': 0.04,
  '503': 0.04,
};
/** Short timeouts and backoff, real waits (Retry-After is honoured: 1 s). */
const TRANSPORT = { timeouts: { readMs: 400, writeMs: 400 }, retry: { attempts: 10, baseDelayMs: 10, maxDelayMs: 100 } };

function writeProject(root: string, url: string): void {
  writeFileSync(join(root, 'snac.yaml'), `instances:\n  - name: dev\n    url: ${url}\n    auth: { type: basic, username_env: SNAC_USER, password_env: SNAC_PASSWORD }\n    reconciler: svc_snac\nscope:\n  user_name_prefixes: [svc_f_]\nprune: deactivate\nsafety:\n  max_prunes: 10\n  max_change_share: 1\n  min_admins: 1\n`);
  mkdirSync(join(root, 'accounts'), { recursive: true });
  writeFileSync(join(root, 'accounts', 'role.yaml'), 'kind: Role\nname: u_fault_reader\ndescription: Reads\ncontains: [itil]\n');
  writeFileSync(join(root, 'accounts', 'group.yaml'), 'kind: Group\nname: Fault Group\ndescription: Granted to every fault account\nroles: [u_fault_reader]\n');
  const account = (name: string, body: string) => writeFileSync(join(root, 'accounts', `${name}.yaml`), `kind: ServiceAccount\nuser_name: ${name}\nowner: admin\npurpose: Fault test account.\n${body}`);
  for (let i = 0; i < 6; i += 1) account(`svc_f_${i}`, `first_name: F${i}\nlast_name: Account\ngroups: [Fault Group]\nroles: [rest_api_explorer]\n`);
  account('svc_f_update', 'email: new@acme.example\ngroups: []\nroles: []\n');
}

/** The instance before the apply: an account to update (and strip of a direct role), one to prune. */
function seeded(): Emulator {
  const emulator = new Emulator({ seed: 'empty' });
  const writer = new SeedWriter(emulator);
  writer.user({ user_name: 'svc_f_update', first_name: 'Update', last_name: 'Me', email: 'old@acme.example', web_service_access_only: true, manager: 'admin', roles: ['itil'], groups: [] });
  writer.user({ user_name: 'svc_f_retired', first_name: 'Retired', last_name: 'Account', web_service_access_only: true, roles: [], groups: [] });
  return emulator;
}

/** What snac manages, by natural key, sys_ids resolved to names: two instances compare equal when they hold the same. */
function endState(emulator: Emulator): string[] {
  const store = emulator.instance.store;
  const name = (table: string, field: string, sysId: string | undefined) => (sysId ? store.get(table, sysId)?.values[field] : undefined) ?? `?${sysId}`;
  const rows: string[] = [];
  for (const r of store.scan('sys_user')) if (r.values['user_name']?.startsWith('svc_f_')) rows.push(`user ${r.values['user_name']} ${['first_name', 'last_name', 'email', 'active', 'locked_out', 'web_service_access_only'].map((f) => `${f}=${r.values[f] ?? ''}`).join(' ')}`);
  for (const r of store.scan('sys_user_group')) rows.push(`group ${r.values['name']} description=${r.values['description'] ?? ''} active=${r.values['active'] ?? ''}`);
  for (const r of store.scan('sys_user_role')) if (r.values['name']?.startsWith('u_')) rows.push(`role ${r.values['name']} description=${r.values['description'] ?? ''}`);
  for (const r of store.scan('sys_user_role_contains')) rows.push(`contains ${name('sys_user_role', 'name', r.values['role'])} → ${name('sys_user_role', 'name', r.values['contains'])}`);
  for (const r of store.scan('sys_group_has_role')) rows.push(`group role ${name('sys_user_group', 'name', r.values['group'])} → ${name('sys_user_role', 'name', r.values['role'])}`);
  for (const r of store.scan('sys_user_grmember')) rows.push(`member ${name('sys_user', 'user_name', r.values['user'])} → ${name('sys_user_group', 'name', r.values['group'])}`);
  for (const r of store.scan('sys_user_has_role')) if (r.values['inherited'] === 'false') rows.push(`direct role ${name('sys_user', 'user_name', r.values['user'])} → ${name('sys_user_role', 'name', r.values['role'])}`);
  return rows.sort();
}

const journalOf = (root: string): JournalEntry[] => {
  const dir = join(root, '.snac', 'journal');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as JournalEntry));
};

/** A project planned fault-free against a fresh seeded instance; the reviewed plan is plan.json. */
async function planned(): Promise<{ emulator: Emulator; root: string; close: () => Promise<void> }> {
  const emulator = seeded();
  const server = await startEmulatorServer(emulator, 0);
  const root = mkdtempSync(join(tmpdir(), 'snac-faults-'));
  writeProject(root, server.url);
  const io = captureIo(RECONCILER_ENV, root);
  if ((await main(['plan', '--out', 'plan.json'], io)) !== 2) throw new Error(`the fault-free plan failed: ${io.err()}`);
  return { emulator, root, close: () => server.close() };
}

let reference: string[] = [];
beforeAll(async () => {
  const { emulator, root, close } = await planned();
  try {
    const io = captureIo(RECONCILER_ENV, root);
    if ((await main(['apply', '--plan', 'plan.json'], io)) !== 0) throw new Error(`the fault-free reference apply failed: ${io.err()}${io.out()}`);
    reference = endState(emulator);
  } finally {
    await close();
  }
});

interface RunResult {
  reviewedChanges: number;
  invocations: number;
  exitCodes: number[];
  crashes: string[];
  converged: boolean;
  duplicates: string[];
  /** Reviewed changes without a journaled start and outcome. */
  unjournaled: string[];
  /** End-state rows that differ from the fault-free reference run. */
  mismatched: string[];
  locksLeft: number;
  faults: number;
}

async function run(seed: number): Promise<RunResult> {
  const { emulator, root, close } = await planned();
  const reviewed = JSON.parse(readFileSync(join(root, 'plan.json'), 'utf8')) as Plan;
  emulator.limits = new Limits(emulator.stats, { profile: { faults: { seed, rates: RATES, schedule: [], retryAfterSeconds: 1, timeoutMs: 2_000 } } });
  const result: RunResult = { reviewedChanges: reviewed.changes.length, invocations: 0, exitCodes: [], crashes: [], converged: false, duplicates: [], unjournaled: [], mismatched: [], locksLeft: 0, faults: 0 };
  try {
    while (result.invocations < 2 && !result.converged) {
      result.invocations += 1;
      const io = { ...captureIo(RECONCILER_ENV, root), transport: TRANSPORT };
      const code = await main(['apply', '--plan', 'plan.json', '--format', 'json', ...(seed % 2 === 0 ? ['--batch', '5'] : [])], io);
      result.exitCodes.push(code);
      let outcome: { converged?: boolean; items?: { key: string; outcome: string; error?: string }[] } | undefined;
      try {
        outcome = JSON.parse(io.out()) as typeof outcome;
      } catch {
        result.crashes.push(`invocation ${result.invocations} exited ${code} without an outcome: ${io.err().trim()}`);
      }
      result.converged = code === 0 && outcome?.converged === true;
      if (process.env['SNAC_FAULT_DEBUG']) {
        process.stdout.write(`run ${seed} invocation ${result.invocations}: exit ${code}${outcome ? '' : ` ${io.err().trim()}`}\n`);
        for (const item of outcome?.items ?? []) if (item.outcome !== 'ok') process.stdout.write(`  ${item.outcome} ${item.key}${item.error ? `: ${item.error}` : ''}\n`);
      }
    }
    result.faults = [...emulator.stats.faults.values()].reduce((a, b) => a + b, 0);
    emulator.limits = new Limits(emulator.stats);
    const entries = journalOf(root);
    const id = (e: { kind: string; key: string; action: string }) => `${e.kind}|${e.key}|${e.action}`;
    const started = new Set(entries.filter((e) => e.outcome === 'started').map(id));
    const finished = new Set(entries.filter((e) => ['ok', 'adopted', 'unknown', 'failed'].includes(e.outcome)).map(id));
    result.unjournaled = reviewed.changes.map(id).filter((c) => !started.has(c) || !finished.has(c));
    result.duplicates = duplicateRows(emulator);
    const actual = endState(emulator);
    result.mismatched = [...actual.filter((row) => !reference.includes(row)).map((row) => `+ ${row}`), ...reference.filter((row) => !actual.includes(row)).map((row) => `- ${row}`)];
    result.locksLeft = [...emulator.instance.store.scan('sys_user_group')].filter((g) => g.values['name']?.startsWith(LOCK_NAME)).length;
    return result;
  } finally {
    await close();
  }
}

describe('snac apply under injected faults', () => {
  it(`converges within two invocations in ${RUNS} seeded runs, never crashes, journals every change, and ends as a fault-free apply does`, async () => {
    const started = performance.now();
    const results: RunResult[] = [];
    for (let seed = 1; seed <= RUNS; seed += 1) results.push(await run(seed));
    const sum = (f: (r: RunResult) => number) => results.reduce((n, r) => n + f(r), 0);
    const figures = {
      runs: results.length,
      reviewedChanges: sum((r) => r.reviewedChanges),
      faultsInjected: sum((r) => r.faults),
      secondInvocationNeeded: results.filter((r) => r.invocations === 2).length,
      crashes: sum((r) => r.crashes.length),
      nonConverged: results.filter((r) => !r.converged).length,
      duplicates: sum((r) => r.duplicates.length),
      unjournaled: sum((r) => r.unjournaled.length),
      endStateMismatches: sum((r) => r.mismatched.length),
      locksLeft: sum((r) => r.locksLeft),
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
    process.stdout.write(`fault-injection figures: ${JSON.stringify(figures)}\n`);
    expect(figures.faultsInjected).toBeGreaterThan(RUNS);
    expect(results.flatMap((r) => r.crashes)).toEqual([]);
    expect(results.flatMap((r) => r.duplicates)).toEqual([]);
    expect(results.flatMap((r) => r.unjournaled)).toEqual([]);
    expect(results.flatMap((r) => r.mismatched)).toEqual([]);
    expect(figures.locksLeft).toBe(0);
    expect(figures.nonConverged).toBe(0);
  }, 1_800_000);
});
