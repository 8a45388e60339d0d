import { SYSTEM } from '../actor.js';
import type { Instance } from '../instance.js';
import type { BusinessRule } from './rule.js';

function deleteWhere(instance: Instance, table: string, field: string, value: string): void {
  for (const row of instance.store.lookup(table, field, value)) {
    if (instance.get(table, row.values['sys_id'] ?? '')) instance.delete(table, row.values['sys_id'] ?? '', SYSTEM);
  }
}

/** Deleting a user, group or role deletes the rows that reference it (cascade delete rules). */
export const cascadeDeletes: BusinessRule = {
  name: 'Cascade delete',
  when: 'after',
  tables: ['sys_user', 'sys_user_group', 'sys_user_role'],
  operations: ['delete'],
  run({ instance, table, current }) {
    const id = current['sys_id'] ?? '';
    if (table === 'sys_user') {
      deleteWhere(instance, 'sys_user_grmember', 'user', id);
      deleteWhere(instance, 'sys_user_has_role', 'user', id);
    } else if (table === 'sys_user_group') {
      deleteWhere(instance, 'sys_user_grmember', 'group', id);
      deleteWhere(instance, 'sys_group_has_role', 'group', id);
    } else {
      deleteWhere(instance, 'sys_user_role_contains', 'role', id);
      deleteWhere(instance, 'sys_user_role_contains', 'contains', id);
      deleteWhere(instance, 'sys_group_has_role', 'role', id);
      deleteWhere(instance, 'sys_user_has_role', 'role', id);
    }
  },
};
