import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LimitsProfile } from '../emulator/limits/profile.js';

/** A table, an encoded query and the fields to read: one of the warm-up requests. */
export interface WarmQuery {
  readonly table: string;
  readonly query: string;
  readonly fields: readonly string[];
}

export interface EmulatorProcess {
  readonly url: string;
  stats(): Promise<Record<string, unknown>>;
  resetStats(): Promise<void>;
  /**
   * Answer a few dozen small queries like the plan's (a hundred accounts' rows, dot-walked
   * fields), so the emulator's JIT compiler is warm as a running instance's code is. Its query
   * caches stay cold: the plan's own queries are not among them. Plain fetch, not snac's
   * client, so snac's side stays as cold as a fresh CLI run.
   */
  warm(queries: readonly WarmQuery[]): Promise<void>;
  stop(): void;
}


/**
 * The emulator in its own process, so the benchmark's memory figure is snac's alone and the
 * instance's CPU does not count against the planner.
 */
export async function startEmulatorProcess(seed: string, profile: LimitsProfile): Promise<EmulatorProcess> {
  const profilePath = join(mkdtempSync(join(tmpdir(), 'snac-bench-')), 'profile.json');
  writeFileSync(profilePath, JSON.stringify(profile));
  const cli = new URL('../cli.js', import.meta.url).pathname;
  const child: ChildProcess = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--seed', seed, '--profile', profilePath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening`)));
  });
  const control = (path: string, method = 'GET') => fetch(`${url}/__snac/${path}`, { method });
  const authorization = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
  const warmOnce = async ({ table, query, fields }: WarmQuery, round: number) => {
    const params = new URLSearchParams({ sysparm_query: `${query}^sys_id>${String(round)}^ORDERBYsys_id`, sysparm_fields: ['sys_id', ...fields].join(','), sysparm_limit: '1000', sysparm_exclude_reference_link: 'true' });
    await (await fetch(`${url}/api/now/table/${table}?${params.toString()}`, { headers: { Accept: 'application/json', Authorization: authorization } })).text();
  };
  return {
    url,
    warm: async (queries) => {
      for (let round = 0; round < 8; round++) await Promise.all(queries.map((q) => warmOnce(q, round)));
    },
    stats: async () => (await (await control('stats')).json()) as Record<string, unknown>,
    resetStats: async () => void (await control('stats/reset', 'POST')),
    stop: () => void child.kill('SIGTERM'),
  };
}
