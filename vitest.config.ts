import { configDefaults, defineConfig } from 'vitest/config';
import { LONG_SUITES, mockingFiles, shared } from './vitest.shared.js';

/**
 * `npm test`. Test files run in one process per worker (isolate off): src/ is imported once per
 * worker rather than once per file, which halves the run. A file that replaces a module
 * (vi.mock) needs a module graph of its own, or the module it mocks may already be loaded by an
 * earlier file: those files run isolated. The long suites' files are in vitest.long.config.ts.
 */
const longOnly: readonly string[] = LONG_SUITES.only;
const mocking = mockingFiles().filter((file) => !longOnly.includes(file));

export default defineConfig({
  test: {
    ...shared,
    // Each project names its files: a project extending this config would add its include to ours.
    projects: [
      { extends: true, test: { name: 'shared', isolate: false, include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...mocking, ...longOnly] } },
      ...(mocking.length > 0 ? [{ extends: true as const, test: { name: 'isolated', isolate: true, include: mocking } }] : []),
    ],
  },
});
