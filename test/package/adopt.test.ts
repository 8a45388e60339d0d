import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { workflowErrors } from '../support/workflows.js';
import { installTarball, pack } from './pack.js';

const run = promisify(execFile);

let sn: TestInstance;
beforeAll(async () => {
  sn = await startInstance({ seed: 'demo' });
});
afterAll(() => sn.close());

/** The installed bin, run as `npx snac` would: through node_modules/.bin, from the repository root. */
async function snac(root: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: root, SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'snac' };
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules', '.bin', 'snac'), argv, { cwd: root, env });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout, err: failed.stderr };
  }
}

describe('adopting snac in a new repository, from the packed package', () => {
  it('init, import from an instance, validate, a first plan that is not blocked, and workflows on the released action', async () => {
    const work = mkdtempSync(join(tmpdir(), 'snac-adopt-'));
    const root = join(work, 'repo');
    await run('git', ['init', '-q', root]);
    await installTarball(await pack(work), root);

    const init = await snac(root, 'init', '--instance-url', sn.url, '--name', 'demo');
    expect(init.err).toBe('');
    expect(init.code).toBe(0);

    const imported = await snac(root, 'import', '--prefix', 'svc_');
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('(32 accounts adopted)');

    const declaration = join(root, 'accounts', 'service-accounts', 'svc_cmdb_import.yaml');
    const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(declaration, 'utf8'))?.[1];
    expect(schema).toBe('../../node_modules/snac/schemas/service-account.schema.json');
    expect(existsSync(resolve(dirname(declaration), schema ?? ''))).toBe(true);
    expect(readFileSync(join(root, 'snac.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=node_modules\/snac\/schemas\/snac-config\.schema\.json\n/);

    const validate = await snac(root, 'validate');
    expect(validate.out).toMatch(/^snac validate: valid \(32 service accounts, /m);
    expect(validate.code).toBe(0);

    const plan = await snac(root, 'plan');
    expect(plan.out).not.toContain('blocking finding');
    expect([0, 2]).toContain(plan.code);

    const workflows = join(root, '.github', 'workflows');
    const files = readdirSync(workflows);
    expect(files.sort()).toEqual(['snac-apply.yml', 'snac-drift.yml', 'snac-plan.yml']);
    for (const file of files) {
      const text = readFileSync(join(workflows, file), 'utf8');
      expect(await workflowErrors(file, text)).toEqual([]);
      expect(text).not.toMatch(/uses: \.\//);
      expect(text).toMatch(/uses: acme\/snac@v\d+\.\d+\.\d+\n/);
    }
  });
});
