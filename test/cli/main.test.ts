import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { captureIo } from '../support/io.js';

describe('snac CLI', () => {
  it('prints help listing the commands and exits 0', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: snac <command>');
  });

  it('rejects an unknown command with exit 1 and says how to list commands', async () => {
    const io = captureIo();
    expect(await main(['frobnicate'], io)).toBe(1);
    expect(io.err()).toContain('unknown command "frobnicate"');
    expect(io.err()).toContain('snac --help');
  });
});
