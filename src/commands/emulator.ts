import { parseArgs } from 'node:util';
import { Emulator } from '../emulator/emulator.js';
import { startEmulatorServer } from '../emulator/http/server.js';
import { limitsFromFlags } from '../emulator/limits/flags.js';
import { insertRuleRows } from '../emulator/limits/rule-rows.js';
import { loadState, saveState } from '../emulator/persistence.js';
import { parseSeedName } from '../emulator/seeds/index.js';
import { EXIT, UsageError, type Command } from './command.js';

const usage = `Usage: snac emulator [--port <n>] [--seed empty|demo|scale:N[,people:M]] [--data file.json] [limits]

Runs a local ServiceNow instance emulator in the foreground (Ctrl-C stops it).

Options:
  --port <n>     port on 127.0.0.1 to listen on (default 8080; 0 picks a free port)
  --seed <name>  initial data: empty (a new instance), demo (a realistic company),
                 scale:N (N service accounts, for benchmarks), scale:N,people:M
                 (plus M employees outside snac's scope). Default: demo
  --data <file>  load state from this JSON file if it exists, and save every change to it,
                 so the instance survives restarts. Without it, state is in memory.

Limits (all off by default; see README "Rehearsing against a slow, flaky instance"):
  --profile <file>      JSON limits profile: latency, semaphore, sessions, quotas,
                        rateLimitRules, faults. The flags below are laid over it.
  --latency <ms>        network round trip, plus server time per transaction, row and write
  --nodes <n>           API_INT semaphore on n nodes: 4 transactions each, 50 queued, then 429
  --sessions            one transaction per session cookie; past 10 waiting, 202 (dropped)
  --quotas              cancel Table API transactions after 60 s, Batch API requests after 30 s
                        of server time (needs --latency or a latency profile)
  --rate-limit <rule>   all:N | role:NAME:N | user:NAME:N requests per hour (repeatable);
                        429 with Retry-After and X-RateLimit-* headers past it
  --fault-seed <n>      seed of the fault injector (same seed, same faults)
  --fault <kind>=<p>    probability of a fault per API request (repeatable). Kinds: 429,
                        429-no-retry-after, 500, 502, 503, reset, timeout, commit-then-timeout,
                        commit-then-reset, commit-then-500, commit-then-502, commit-then-503
  --fault-at <n>=<kind> the n-th API request fails so (repeatable)

Seeded credentials: admin / admin (admin, security_admin), svc_snac / snac (the reconciler).
Test-only control endpoints live under /__snac/ (see README); they are not ServiceNow APIs.`;

/** Debounce: save at most every 200 ms while writes happen, and once more on shutdown. */
const SAVE_INTERVAL_MS = 200;

export const emulatorCommand: Command = {
  name: 'emulator',
  summary: 'run a local ServiceNow emulator (for the demo, tests and rehearsals)',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        data: { type: 'string' },
        profile: { type: 'string' },
        latency: { type: 'string' },
        nodes: { type: 'string' },
        sessions: { type: 'boolean' },
        quotas: { type: 'boolean' },
        'rate-limit': { type: 'string', multiple: true },
        'fault-seed': { type: 'string' },
        fault: { type: 'string', multiple: true },
        'fault-at': { type: 'string', multiple: true },
      },
      strict: true,
    });
    const port = Number(values.port ?? '8080');
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got "${values.port}"`);
    let seed;
    let limits;
    try {
      seed = parseSeedName(values.seed ?? 'demo');
      limits = await limitsFromFlags(values);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const emulator = new Emulator({ limits });
    const saved = values.data ? await loadState(values.data) : undefined;
    if (saved) emulator.restore(saved);
    try {
      if (!saved) emulator.seed(seed);
      insertRuleRows(emulator.instance, limits.rateLimitRules ?? []);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }

    const running = await startEmulatorServer(emulator, port);
    io.stdout.write(`snac emulator listening on ${running.url}\n`);
    io.stdout.write(saved ? `state loaded from ${values.data}\n` : `seed: ${seed}\n`);
    if (Object.keys(limits).length) io.stdout.write(`limits: ${Object.keys(limits).join(', ')}\n`);

    let savedRevision = -1;
    let saving = Promise.resolve();
    const save = async () => {
      const revision = emulator.instance.store.revision;
      if (!values.data || revision === savedRevision) return;
      savedRevision = revision;
      await saveState(emulator, values.data);
    };
    // Saves run one after another, so the last one always holds the latest state.
    const persist = () => (saving = saving.then(save));
    if (values.data && !saved) await persist();
    const timer = values.data ? setInterval(() => void persist().catch(() => undefined), SAVE_INTERVAL_MS) : undefined;

    await io.interrupted;
    if (timer) clearInterval(timer);
    await persist();
    await running.close();
    io.stdout.write('snac emulator stopped\n');
    return EXIT.ok;
  },
};
