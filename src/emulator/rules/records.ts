import { randomBytes } from 'node:crypto';
import { errors } from '../errors.js';
import { SAFE_HARBOR } from '../facts/high-security.js';
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

/**
 * Identity type (Xanadu and later): choosing Machine ticks web_service_access_only, choosing Human
 * or AI unticks it (t_CreateAUser.md). Runs when identity_type is set or changed, so a later
 * change of the flag alone stands.
 */
export const identityTypeAccess: BusinessRule = {
  name: 'Identity type sets web service access',
  when: 'before',
  tables: ['sys_user'],
  operations: ['insert', 'update'],
  run({ current, previous }) {
    const type = current['identity_type'] ?? '';
    if (!type || type === (previous?.['identity_type'] ?? '')) return;
    current['web_service_access_only'] = type === 'machine' ? 'true' : 'false';
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
 * Safe-harbor settings: once one holds its safe value (glide.basicauth.required.api=true,
 * glide.sm.default_mode=deny, ...), it cannot be changed back or deleted (facts/high-security.ts).
 */
export const irreversibleProperties: BusinessRule = {
  name: 'High Security safe harbor',
  when: 'before',
  tables: ['sys_properties'],
  operations: ['update', 'delete'],
  run({ current, previous, operation }) {
    const name = previous?.['name'] ?? '';
    const safe = SAFE_HARBOR.get(name);
    if (safe === undefined || previous?.['value'] !== safe) return;
    if (operation === 'update' && current['value'] === safe) return;
    const rule = 'High Security safe harbor';
    throw errors.businessRuleAbort('sys_properties', rule, ruleSysId(rule), `${name} cannot be changed once it is ${safe}`);
  },
};

/**
 * A new OAuth client gets a generated client id and, when none is given, a generated secret
 * (t_CreateEndpointforExternalClients: "Leave this field blank to have the instance
 * auto-generate a client secret"). The secret is a password2 field: never returned.
 */
export const oauthClientCredentials: BusinessRule = {
  name: 'Generate OAuth client credentials',
  when: 'before',
  tables: ['oauth_entity'],
  operations: ['insert'],
  run({ current }) {
    if (!current['client_id']) current['client_id'] = randomBytes(16).toString('hex');
    if (!current['client_secret']) current['client_secret'] = randomBytes(12).toString('base64url');
  },
};
