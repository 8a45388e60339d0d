import { boolean, choice, integer, reference, string, type TableDef } from './types.js';

export const sysUserRole: TableDef = {
  name: 'sys_user_role',
  label: 'Role',
  displayField: 'name',
  audited: true,
  unique: ['name'],
  fields: [
    string('name', { mandatory: true }),
    string('description'),
    boolean('elevated_privilege'),
    reference('assignable_by', 'sys_user_role'),
    boolean('can_delegate', 'true'),
    boolean('grantable', 'true'),
    string('includes_roles', { readOnly: true }),
    choice('requires_subscription', { '': '-- None --', yes: 'Yes', no: 'No', unspecified: 'Unspecified' }),
    boolean('scoped_admin'),
    string('suffix'),
    reference('sys_scope', 'sys_scope', { default: 'global' }),
    string('sys_package', { default: 'global' }),
    string('sys_policy'),
    string('sys_update_name', { readOnly: true }),
    string('sys_name', { readOnly: true }),
  ],
};

export const sysUserRoleContains: TableDef = {
  name: 'sys_user_role_contains',
  label: 'Contained Role',
  displayField: 'contains',
  audited: true,
  fields: [reference('role', 'sys_user_role', { mandatory: true }), reference('contains', 'sys_user_role', { mandatory: true })],
};

export const sysUserHasRole: TableDef = {
  name: 'sys_user_has_role',
  label: 'User Role',
  displayField: 'role',
  audited: true,
  fields: [
    reference('user', 'sys_user', { mandatory: true }),
    reference('role', 'sys_user_role', { mandatory: true }),
    boolean('inherited', 'false', { readOnly: true }),
    integer('inh_count', { readOnly: true }),
    string('inh_map', { readOnly: true }),
    reference('granted_by', 'sys_user_group', { readOnly: true }),
    reference('included_in_role', 'sys_user_has_role', { readOnly: true }),
    reference('included_in_role_instance', 'sys_user_role_contains', { readOnly: true }),
    choice('state', { active: 'Active', requested: 'Requested', transient: 'Transient' }, 'active'),
    boolean('role_delegator'),
  ],
};
