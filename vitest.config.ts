import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// .ci/run sets SNAC_VITEST_JSON to collect vitest's own counts for its summary line.
const jsonReport = process.env['SNAC_VITEST_JSON'];

/**
 * Test files run in one process per worker (isolate off): src/ is imported once per worker
 * rather than once per file, which halves the run. A file that replaces a module (vi.mock) needs
 * a module graph of its own, or the module it mocks may already be loaded by an earlier file:
 * those files run isolated.
 */
const mocking = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => `test/${file}`)
  .filter((file) => /\bvi\.(do)?[mM]ock\(/.test(readFileSync(file, 'utf8')));

export default defineConfig({
  test: {
    // Every file, isolated or not, starts from the same network rules and no leftover interceptor.
    setupFiles: ['test/setup/no-network.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // Many tests wait on a socket, a child process or a timer: one worker per core (vitest's
    // default leaves one core idle, which on two cores runs every file in a row).
    maxWorkers: Math.max(2, availableParallelism()),
    // GitHub's workflow parser imports its JSON schema without an import attribute: let vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
    // Each project names its files: a project extending this config would add its include to ours.
    projects: [
      { extends: true, test: { name: 'shared', isolate: false, include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...mocking] } },
      ...(mocking.length > 0 ? [{ extends: true as const, test: { name: 'isolated', isolate: true, include: mocking } }] : []),
    ],
  },
});
