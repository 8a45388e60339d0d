import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { loadState, saveState } from '../../src/emulator/persistence.js';
import { SeedWriter } from '../../src/emulator/seeds/writer.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snac-emulator-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('--data persistence', () => {
  it('saves and restores every row, ACL and setting', async () => {
    const first = new Emulator({ seed: 'empty', settings: { maxFailedAttempts: 3 } });
    new SeedWriter(first).group({ name: 'Survives Restart', roles: ['itil'] });
    const file = join(dir, 'state.json');
    await saveState(first, file);

    const second = new Emulator();
    const snapshot = await loadState(file);
    expect(snapshot).toBeDefined();
    if (snapshot) second.restore(snapshot);
    expect(second.instance.findBy('sys_user_group', 'name', 'Survives Restart')).toBeDefined();
    expect(second.instance.settings.maxFailedAttempts).toBe(3);
    expect(second.snapshot()).toEqual(first.snapshot());
    expect(second.acl.tables.get('sysauto')?.read).toContain('u_snac_reconciler');
  });

  it('reports a missing file as "nothing saved yet" and a corrupt one with what to do', async () => {
    expect(await loadState(join(dir, 'none.json'))).toBeUndefined();
    const corrupt = join(dir, 'corrupt.json');
    await writeFile(corrupt, '{"format":');
    await expect(loadState(corrupt)).rejects.toThrow(/corrupt\.json is not valid JSON: .*move it away or delete it/);
  });

  it('refuses data of another format or naming an unknown table, leaving the instance as it was', async () => {
    const emulator = new Emulator({ seed: 'empty' });
    const before = emulator.instance.store.count('sys_user');
    expect(() => emulator.restore({ format: 'other' } as never)).toThrow('unsupported emulator data format other');
    expect(() => emulator.restore({ format: 'snac-emulator/1', settings: emulator.instance.settings, acls: {}, tables: { u_nope: [] } })).toThrow(
      'emulator data names unknown tables: u_nope',
    );
    expect(emulator.instance.store.count('sys_user')).toBe(before);
  });

  it('writes atomically: no temporary file is left behind', async () => {
    const file = join(dir, 'state.json');
    await saveState(new Emulator({ seed: 'empty' }), file);
    expect(await readdir(dir)).toEqual(['state.json']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: 'snac-emulator/1' });
  });
});
