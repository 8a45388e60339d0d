import { errors } from '../errors.js';
import { HIGH_SECURITY_BY_PROPERTY } from '../../model/high-security-settings.js';
import { ruleSysId, type BusinessRule } from './rule.js';

/** sys_user.name is calculated from the first and last name. */
export const userDisplayName: BusinessRule = {
  name: 'Calculate user name',
  when: 'before',
  tables: ['sys_user'],
  operations: ['insert', 'update'],
  run({ current }) {
    current['name'] = [current['first_name'], current['last_name']].filter(Boolean).join(' ');
  },
};

/** Roles cannot be renamed once saved (SERVICENOW.md §6.2). */
export const roleNameImmutable: BusinessRule = {
  name: 'Prevent role rename',
  when: 'before',
  tables: ['sys_user_role'],
  operations: ['update'],
  run({ current, previous, actor }) {
    if (actor.system || current['name'] === previous?.['name']) return;
    const rule = 'Prevent role rename';
    throw errors.businessRuleAbort('sys_user_role', rule, ruleSysId(rule), 'Roles cannot be renamed');
  },
};

/**
 * Safe-harbor settings: once glide.basicauth.required.api is true, or glide.sm.default_mode is
 * deny, they cannot be changed back (SERVICENOW.md §7).
 */
export const irreversibleProperties: BusinessRule = {
  name: 'High Security safe harbor',
  when: 'before',
  tables: ['sys_properties'],
  operations: ['update', 'delete'],
  run({ current, previous, operation }) {
    const setting = HIGH_SECURITY_BY_PROPERTY.get(previous?.['name'] ?? '');
    if (!setting?.irreversible || previous?.['value'] !== setting.irreversible) return;
    if (operation === 'update' && current['value'] === setting.irreversible) return;
    const rule = 'High Security safe harbor';
    throw errors.businessRuleAbort(
      'sys_properties',
      rule,
      ruleSysId(rule),
      `${setting.property} cannot be changed once it is ${setting.irreversible}`,
    );
  },
};
