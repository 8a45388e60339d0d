import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { selectRows } from '../../src/emulator/http/select.js';
import { SeedWriter } from '../../src/emulator/seeds/writer.js';

/**
 * Keyset queries with a condition on an indexed field are answered from its index, and those
 * with a dot-walked condition from the referenced table and the reference's index; the answer must be exactly the plain scan's (ORDERBY first is not keyset
 * form, so it takes the scan).
 */
describe('conditions answered from an index or through the reference', () => {
  const emulator = new Emulator({ seed: 'scale:60,people:300' });
  const seed = new SeedWriter(emulator);
  // A grant whose user was deleted (dangling reference) and one to an inactive admin.
  seed.user({ user_name: 'svc_scale_gone', roles: ['admin'] });
  seed.user({ user_name: 'svc_scale_inactive_admin', active: false, roles: ['admin'] });
  const gone = emulator.instance.findBy('sys_user', 'user_name', 'svc_scale_gone');
  if (gone) emulator.instance.store.remove(gone);

  const ids = (table: string, query: string) => selectRows(emulator, emulator.instance.store.table(table), query).map((row) => row.values['sys_id']);
  const cases: [string, string][] = [
    ['sys_user_has_role', 'user.user_nameSTARTSWITHsvc_scale_'],
    ['sys_user_has_role', 'role.name=admin^user.active=true'],
    ['sys_user_has_role', 'user.user_nameINperson.000007,svc_scale_000003,nobody'],
    ['sys_user_grmember', 'group.name=Team 00002^ORuser.user_name=svc_scale_000001'],
    ['sys_user_grmember', 'user.user_nameSTARTSWITHSVC_SCALE_00001'],
    ['sys_group_has_role', 'group.nameSTARTSWITHDepartment'],
    ['sys_user_has_role', 'user.user_nameSTARTSWITHsvc_scale_00001^ORuser.user_nameSTARTSWITHperson.00000'],
    ['sys_user', 'user_nameSTARTSWITHSvc_Scale_00001'],
    ['sys_user', 'user_nameINperson.000007, SVC_SCALE_000003,nobody,person.000007'],
    ['sys_user', 'user_nameSTARTSWITHsvc_scale_00002^ORuser_name=scale.owner.0001^active=true'],
    ['sys_user_group', 'nameINTeam 00002,Department 00001^ORnameSTARTSWITHteam 0000'],
  ];

  it.each(cases)('%s where %s: the same rows as a full scan', (table, query) => {
    const scanned = ids(table, `ORDERBYsys_id^${query}`);
    expect(scanned.length).toBeGreaterThan(0);
    expect(ids(table, `${query}^ORDERBYsys_id`)).toEqual(scanned);
    const middle = scanned[Math.floor(scanned.length / 2)] ?? '';
    expect(ids(table, `${query}^sys_id>${middle}^ORDERBYsys_id`)).toEqual(scanned.filter((id) => (id ?? '') > middle));
  });

  it('keeps rows whose reference is empty or dangling out of a dot-walked match, and in an empty one', () => {
    const dangling = ids('sys_user_has_role', `ORDERBYsys_id^user.user_name=`);
    expect(dangling.length).toBeGreaterThan(0);
    expect(ids('sys_user_has_role', 'user.user_name=^ORDERBYsys_id')).toEqual(dangling);
  });

  it('answers from the current rows after updates, also those that move a row in the index or change a dot-walk', () => {
    const rows = (table: string, query: string) =>
      selectRows(emulator, emulator.instance.store.table(table), query).map((row) => `${row.values['sys_id']} ${row.values['user_name'] ?? row.values['user']} ${row.values['email'] ?? row.values['state']}`);
    const queries: [string, string][] = [
      ['sys_user', 'emailSTARTSWITHmoved'],
      ['sys_user', 'user_nameSTARTSWITHsvc_scale_00003'],
      ['sys_user', 'user_nameSTARTSWITHaaa'],
      ['sys_user', 'user_nameINsvc_scale_000031,aaa_renamed'],
      ['sys_user_has_role', 'user.user_nameSTARTSWITHaaa'],
      ['sys_user_has_role', 'user.emailSTARTSWITHmoved'],
    ];
    for (const [table, query] of queries) rows(table, `${query}^ORDERBYsys_id`);
    const id = (name: string) => emulator.instance.findBy('sys_user', 'user_name', name)?.values['sys_id'] ?? '';
    emulator.instance.update('sys_user', id('svc_scale_000031'), { email: 'moved@example.com' });
    emulator.instance.update('sys_user', id('svc_scale_000032'), { user_name: 'aaa_renamed' });
    // Rows added and removed since: merged into the sys_id order, and dropped from it.
    for (let i = 0; i < 5; i++) seed.user({ user_name: `svc_scale_00003_new${i}`, email: `moved${i}@example.com`, roles: ['itil'] });
    const removed = emulator.instance.findBy('sys_user', 'user_name', 'svc_scale_000033');
    if (removed) emulator.instance.store.remove(removed);
    for (const [table, query] of queries) {
      const scanned = rows(table, `ORDERBYsys_id^${query}`);
      expect(scanned.length).toBeGreaterThan(0);
      expect(rows(table, `${query}^ORDERBYsys_id`)).toEqual(scanned);
    }
    expect(rows('sys_user', 'user_nameSTARTSWITHsvc_scale_00003^ORDERBYsys_id').join()).toContain('moved@example.com');
  });

  it('finds a renamed row by its new name when nothing else changed since the index was built', () => {
    const names = (query: string) => selectRows(emulator, emulator.instance.store.table('sys_user'), query).map((row) => row.values['user_name']);
    expect(names('user_nameSTARTSWITHzzz^ORDERBYsys_id')).toEqual([]);
    const row = emulator.instance.findBy('sys_user', 'user_name', 'svc_scale_000040');
    emulator.instance.update('sys_user', row?.values['sys_id'] ?? '', { user_name: 'zzz_renamed' });
    expect(names('user_nameSTARTSWITHzzz^ORDERBYsys_id')).toEqual(['zzz_renamed']);
    expect(names('user_nameSTARTSWITHsvc_scale_00004^ORDERBYsys_id')).not.toContain('svc_scale_000040');
  });
});
