import { boolean, reference, string, type TableDef } from './types.js';

export const sysUserGroup: TableDef = {
  name: 'sys_user_group',
  label: 'Group',
  displayField: 'name',
  audited: true,
  unique: ['name'],
  fields: [
    string('name', { mandatory: true }),
    string('description'),
    reference('manager', 'sys_user'),
    string('email'),
    boolean('active', 'true'),
    reference('parent', 'sys_user_group'),
    { name: 'type', type: 'glide_list' },
    string('roles', { readOnly: true }),
    string('source'),
    reference('cost_center', 'cmn_cost_center'),
    reference('default_assignee', 'sys_user'),
    boolean('exclude_manager'),
    boolean('include_members'),
    string('sys_domain', { default: 'global' }),
  ],
};

export const sysGroupHasRole: TableDef = {
  name: 'sys_group_has_role',
  label: 'Group Role',
  displayField: 'role',
  audited: true,
  fields: [
    reference('group', 'sys_user_group', { mandatory: true }),
    reference('role', 'sys_user_role', { mandatory: true }),
    boolean('inherits', 'true'),
    reference('granted_by', 'sys_user_group', { readOnly: true }),
  ],
};

export const sysUserGrmember: TableDef = {
  name: 'sys_user_grmember',
  label: 'Group Member',
  displayField: 'user',
  audited: true,
  fields: [reference('user', 'sys_user', { mandatory: true }), reference('group', 'sys_user_group', { mandatory: true })],
};
