import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// .ci/run sets SNAC_VITEST_JSON to collect vitest's own counts for its summary line.
const jsonReport = process.env['SNAC_VITEST_JSON'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/no-network.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // One process runs many test files: importing src/ once per worker rather than once per file
    // saves about half the run. Test files therefore leave no global state behind (see setupFiles).
    isolate: false,
    // Many tests wait on a socket, a child process or a timer: one worker per core (vitest's
    // default leaves one core idle, which on two cores runs every file in a row).
    maxWorkers: Math.max(2, availableParallelism()),
    // GitHub's workflow parser imports its JSON schema without an import attribute: let vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
