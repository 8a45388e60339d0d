import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LimitsProfile } from '../emulator/limits/profile.js';

export interface EmulatorProcess {
  readonly url: string;
  stats(): Promise<Record<string, unknown>>;
  resetStats(): Promise<void>;
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
  return {
    url,
    stats: async () => (await (await control('stats')).json()) as Record<string, unknown>,
    resetStats: async () => void (await control('stats/reset', 'POST')),
    stop: () => void child.kill('SIGTERM'),
  };
}
