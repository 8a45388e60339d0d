import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

/**
 * What `npm test` leaves to the long run (`npm run test:long`, nightly in CI). The default run
 * keeps a few representative cases of each long suite; the long run is everything else.
 */
export const LONG_SUITES = {
  /** Files only the long run has. */
  only: [
    // Packs snac and adopts it in a new repository as the README says: minutes of npm and git.
    'test/package/adopt.test.ts',
  ],
  /** Files both runs have: a few cases by default, every case in the long run (these variables). */
  scaled: {
    'test/apply/fault-injection.test.ts': { SNAC_FAULT_RUNS: '200' },
    'test/apply/kill.test.ts': { SNAC_KILL_POINTS: '20' },
  },
} as const;

const ROOT = dirname(fileURLToPath(import.meta.url));

/** Every test file, as a path from the repository root. */
export function testFiles(): string[] {
  return readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => `test/${file.split(sep).join('/')}`)
    .sort();
}

/** Test files that replace a module (vi.mock): they need a module graph of their own. */
export function mockingFiles(): string[] {
  return testFiles().filter((file) => /\bvi\.(do)?[mM]ock\(/.test(readFileSync(join(ROOT, file), 'utf8')));
}

// .ci/run sets SNAC_VITEST_JSON to collect vitest's own counts for its summary line.
const jsonReport = process.env['SNAC_VITEST_JSON'];

/** Settings both runs share. */
export const shared = {
  // Every file, isolated or not, starts from the same network rules and no leftover interceptor,
  // and leaves the process (environment, directory, timers, spies, globals) as it found it.
  setupFiles: ['test/setup/no-network.ts', 'test/setup/leave-no-state.ts'],
  testTimeout: 20_000,
  pool: 'forks',
  // Many tests wait on a socket, a child process or a timer: a worker more than there are cores
  // keeps them busy (vitest's default, one fewer, runs every file in a row on two cores).
  maxWorkers: availableParallelism() + 1,
  // GitHub's workflow parser imports its JSON schema without an import attribute: let vite load it.
  server: { deps: { inline: ['@actions/workflow-parser'] } },
  reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
} satisfies ViteUserConfig['test'];
