import { defineConfig } from 'vitest/config';

// .ci/run sets SNAC_VITEST_JSON to collect vitest's own counts for its summary line.
const jsonReport = process.env['SNAC_VITEST_JSON'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/no-network.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // GitHub's workflow parser imports its JSON schema without an import attribute: let vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
