import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { ProbeResult, ReadResult } from './model.js';
import { CONCURRENCY, LATENCY, PAGE_SIZE } from './model.js';
import { figuresOf, planScenario } from './results.js';

/**
 * `npm run bench`: the figures PERFORMANCE.md asks for, on the emulator's load model (50 ms
 * round trip, 5 ms per transaction, 0.1 ms per row, 50 ms per write, one node of 4 API_INT
 * threads, one transaction per session), each scenario in a process of its own: the plan at
 * every size of the scaling curve, the plan again with people out of scope, and the applies.
 * Prints the figures and writes them to bench/results.json; asserts nothing (timings on
 * shared machines are for reading, not for failing builds).
 */
const usage = `Usage: npm run bench -- [--sizes 1000,10000,50000] [--people 200000] [--people-accounts 10000]
                        [--changes 1000] [--apply-accounts 10000] [--out bench/results.json]`;

const list = (text: string) => text.split(',').map((n) => Number(n.trim()));

function runProbe(accounts: number, people: number, changes: number): Promise<ProbeResult> {
  const script = new URL('./probe.js', import.meta.url).pathname;
  const args = ['--expose-gc', script, '--accounts', String(accounts), '--people', String(people), '--changes', String(changes)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || line === '') return reject(new Error(`the probe for ${accounts} accounts and ${people} people exited with ${String(code)}`));
      resolve(JSON.parse(line) as ProbeResult);
    });
  });
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function describe(read: ReadResult): string[] {
  return [
    `${planScenario(read)} (instance ready in ${s(read.seedMs)}):`,
    `  requests            ${read.requests} (floor Σ⌈rows/${PAGE_SIZE}⌉ = ${read.minimumRequests}; the per-record pattern would send ${read.rows})`,
    `  rows read           ${read.rows} (${Object.entries(read.rowsByQuery).map(([t, n]) => `${t} ${n}`).join(', ')}), ${(read.kib / 1024).toFixed(1)} MiB`,
    `  read time           ${s(read.readMs)} (floor ${s(read.floorMs)}: ${(read.readMs / read.floorMs).toFixed(2)}x; per-record ${s(read.perRecordMs)})`,
    `  client CPU          ${read.readCpuMs.toFixed(0)} ms while reading, ${read.planCpuMs.toFixed(0)} ms planning ${read.planChanges} changes`,
    `  emulator CPU        ${read.emulatorCpuMs.toFixed(0)} ms while snac read (one thread for all ${CONCURRENCY} sessions)`,
    `  peak RSS            ${read.peakRssMb.toFixed(0)} MB (snac only; the emulator runs in its own process); heap held after planning ${read.heldHeapMb.toFixed(0)} MB`,
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      people: { type: 'string' },
      'people-accounts': { type: 'string' },
      changes: { type: 'string' },
      'apply-accounts': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${usage}\n`);
  const sizes = list(values.sizes ?? '1000,10000,50000');
  const people = Number(values.people ?? '200000');
  const peopleAccounts = Number(values['people-accounts'] ?? '10000');
  const changes = Number(values.changes ?? '1000');
  const applyAccounts = Number(values['apply-accounts'] ?? '10000');
  const outPath = values.out ?? 'bench/results.json';
  for (const n of [...sizes, people, peopleAccounts, changes, applyAccounts]) {
    if (!Number.isInteger(n) || n < 0) throw new Error(`every size must be a whole number ≥ 0\n${usage}`);
  }
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`snac bench on the emulator's load model (${JSON.stringify(LATENCY)}; 1 node x 4 threads; 1 transaction per session; ${CONCURRENCY} sessions; pages of ${PAGE_SIZE})`);

  const probes: ProbeResult[] = [];
  const scenarios: [number, number, number][] = sizes.map((n) => [n, 0, n === applyAccounts ? changes : 0]);
  if (people > 0) {
    if (!sizes.includes(peopleAccounts)) scenarios.push([peopleAccounts, 0, 0]);
    scenarios.push([peopleAccounts, people, 0]);
  }
  for (const [accounts, crowd, applied] of scenarios) {
    const result = await runProbe(accounts, crowd, applied);
    probes.push(result);
    out('');
    for (const line of describe(result.read)) out(line);
    const apply = result.apply;
    if (apply === undefined) continue;
    out(`apply, ${apply.changes} changes, one request each: ${s(apply.ms)} (floor ${s(apply.floorMs)}: ${(apply.ms / apply.floorMs).toFixed(2)}x); ${JSON.stringify(apply.counts)}; 429s ${apply.status429}, 202s ${apply.status202}`);
    out(`apply, ${apply.changes} changes, Batch API ${apply.batchSize} per request: ${s(apply.batchMs)} (floor ${s(apply.batchFloorMs)}: ${(apply.batchMs / apply.batchFloorMs).toFixed(2)}x); ${JSON.stringify(apply.batchCounts)}`);
  }

  const alone = probes.find((p) => p.read.accounts === peopleAccounts && p.read.people === 0)?.read;
  const crowded = probes.find((p) => p.read.accounts === peopleAccounts && p.read.people > 0)?.read;
  if (alone && crowded) {
    out('');
    out(`People out of scope (${peopleAccounts} accounts, without / with ${people} people):`);
    out(`  requests ${alone.requests} / ${crowded.requests}; rows read ${alone.rows} / ${crowded.rows}; read time ${s(alone.readMs)} / ${s(crowded.readMs)}; planning CPU ${alone.planCpuMs.toFixed(0)} / ${crowded.planCpuMs.toFixed(0)} ms`);
  }
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `${JSON.stringify(figuresOf(probes), null, 2)}\n`);
  out('');
  out(`Figures written to ${outPath} (npm run bench:readme puts them in README.md).`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
