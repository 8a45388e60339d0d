import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONG_SUITES, testFiles } from '../vitest.shared.js';

const root = join(import.meta.dirname, '..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('the long suites', () => {
  it('name files that exist: a renamed file would drop out of the long run unnoticed', () => {
    for (const file of [...LONG_SUITES.only, ...Object.keys(LONG_SUITES.scaled)]) expect(existsSync(join(root, file)), file).toBe(true);
  });

  it('scale suites by a variable each file reads, so the long run is not as small as the default', () => {
    for (const [file, variables] of Object.entries(LONG_SUITES.scaled)) {
      for (const name of Object.keys(variables)) expect(readFileSync(join(root, file), 'utf8'), file).toContain(`process.env['${name}']`);
    }
  });

  it('run under their own npm scripts, with the long config: test:long all of them, test:faults and test:kill one each', () => {
    expect(scripts['test']).toBe('tsc --noEmit -p . && npm run build --silent && vitest run');
    expect(scripts['test:long']).toBe('npm run build --silent && vitest run --config vitest.long.config.ts');
    expect(scripts['test:faults']).toBe('vitest run --config vitest.long.config.ts test/apply/fault-injection.test.ts');
    expect(scripts['test:kill']).toBe('npm run build --silent && vitest run --config vitest.long.config.ts test/apply/kill.test.ts');
  });

  it('are found among the test files', () => {
    const all = testFiles();
    expect(all).toEqual(expect.arrayContaining([...LONG_SUITES.only, ...Object.keys(LONG_SUITES.scaled)]));
    expect(all).toContain('test/test-suites.test.ts');
  });
});
