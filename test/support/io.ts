import { PassThrough } from 'node:stream';
import type { CommandIo } from '../../src/commands/command.js';

export interface CapturedIo extends CommandIo {
  out(): string;
  err(): string;
  interrupt(): void;
}

/**
 * A CommandIo that records what a command prints, for assertions. GitHub's write pacing is off:
 * commands do not wait a second between GitHub writes (test/github/errors.test.ts tests the
 * throttling itself).
 */
export function captureIo(env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  let interrupt = () => {};
  const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
  return { stdout, stderr, env, cwd, interrupted, github: { pacing: false }, out: () => out, err: () => err, interrupt: () => interrupt() };
}
