import { defineConfig } from 'vitest/config';
import { LONG_SUITES, shared } from './vitest.shared.js';

/**
 * `npm run test:long`: what `npm test` leaves out, every fault seed and kill point and the
 * files only this run has (vitest.shared.ts lists them). Each file runs isolated: these take
 * minutes, so a fresh module graph per file costs nothing that matters. A variable already set
 * (SNAC_FAULT_RUNS=20 npm run test:faults) wins over the full count.
 */
const scale = Object.assign({}, ...Object.values(LONG_SUITES.scaled)) as Record<string, string>;

export default defineConfig({
  test: {
    ...shared,
    include: [...LONG_SUITES.only, ...Object.keys(LONG_SUITES.scaled)],
    env: Object.fromEntries(Object.entries(scale).map(([name, full]) => [name, process.env[name] ?? full])),
    testTimeout: 600_000,
  },
});
