import { describe, expect, it } from 'vitest';
import { pageProgress } from '../../src/commands/progress.js';
import { captureIo } from '../support/io.js';

const tty = (env: NodeJS.ProcessEnv = {}) => {
  const io = captureIo(env);
  Object.assign(io.stderr, { isTTY: true });
  return io;
};

describe('page progress', () => {
  it('rewrites one line per page on a terminal, and ends it', () => {
    const io = tty();
    const progress = pageProgress(io);
    progress?.onPage('sys_user', 1000);
    progress?.onPage('sys_user_has_role', 250);
    progress?.done();
    expect(io.err()).toBe('\r  read 1 page, 1,000 rows (sys_user)\u001b[K\r  read 2 pages, 1,250 rows (sys_user_has_role)\u001b[K\n');
  });

  it('stays silent off a terminal and in CI', () => {
    expect(pageProgress(captureIo())).toBeUndefined();
    expect(pageProgress(tty({ CI: 'true' }))).toBeUndefined();
  });
});
