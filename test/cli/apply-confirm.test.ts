import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { RECONCILER_ENV, writeApplyProject } from '../support/apply-project.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { captureIo } from '../support/io.js';

let sn: TestInstance;
let root: string;
beforeEach(async () => {
  sn = await startInstance({ seed: 'empty' });
  root = mkdtempSync(join(tmpdir(), 'snac-confirm-'));
  writeApplyProject(root, sn.url, { prefix: 'c', accounts: 2 });
});
afterEach(() => sn.close());

/** snac apply with a terminal on stdin that answers `answer`. */
async function applyAnswering(answer: string | undefined) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const io = { ...captureIo(RECONCILER_ENV, root), stdin };
  if (answer !== undefined) stdin.write(`${answer}\n`);
  const code = await main(['apply'], io);
  return { code, out: io.out(), err: io.err() };
}

const created = () => sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_c_0') !== undefined;

describe('snac apply on a terminal, without --plan or --auto-approve', () => {
  it('shows the plan and applies it only after "yes"', async () => {
    const result = await applyAnswering('yes');
    expect(result.out).toMatch(/^snac plan for dev/);
    expect(result.out).toContain('+ create ServiceAccount svc_c_0');
    expect(result.err).toMatch(/^\nApply these \d+ changes to dev \(127\.0\.0\.1:\d+\)\? Only "yes" applies: /);
    expect(result.code).toBe(0);
    expect(created()).toBe(true);
  });

  it.each(['y', 'no', ''])('writes nothing when the answer is %j', async (answer) => {
    const result = await applyAnswering(answer);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Only "yes" applies: snac apply: not applied \(the answer was not "yes"\); nothing was written\n$/);
    expect(created()).toBe(false);
  });

  it('refuses without a terminal to ask on, naming the two ways to apply', async () => {
    const io = captureIo(RECONCILER_ENV, root);
    expect(await main(['apply'], io)).toBe(1);
    expect(io.err().split('\n')[0]).toBe('snac apply: pass --plan <file> (the reviewed plan) or --auto-approve: without them snac apply shows the plan and asks for "yes", which needs a terminal');
    expect(created()).toBe(false);
  });
});
