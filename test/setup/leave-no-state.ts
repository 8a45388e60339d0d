import { afterAll, afterEach, vi } from 'vitest';

// Test files share a worker process (vitest.config.ts): what one file changes in the process is
// put back before the next file runs, so no test passes or fails because of the file before it.
const env = { ...process.env };
const cwd = process.cwd();

afterEach(() => {
  vi.useRealTimers();
});

afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
  if (process.cwd() !== cwd) process.chdir(cwd);
});
