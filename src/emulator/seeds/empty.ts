import { PLATFORM_ROLES } from '../facts/baseline-roles.js';
import { NEW_INSTANCE_PROPERTIES } from '../facts/high-security.js';
import type { SeedWriter } from './writer.js';

/** The credentials of the seeded accounts, documented in README (emulator only, never real). */
export const SEED_CREDENTIALS = {
  admin: { userName: 'admin', password: 'admin' },
  reconciler: { userName: 'svc_snac', password: 'snac' },
} as const;

/** The admin user's sys_id is the same on every real instance. */
export const ADMIN_SYS_ID = '6816f79cc0a8016401c5a33be04be441';

/** The custom role an admin creates for snac's reader ACLs (see README: the reconciler's account). */
export const RECONCILER_ROLE = 'u_snac_reconciler';
export const RECONCILER_GROUP = 'snac Reconcilers';

/**
 * A newly provisioned instance: the baseline roles and their containment, the High Security
 * Settings at their new-instance values (security_admin-protected), the admin user, and snac's
 * own least-privilege account svc_snac (non-interactive, user_admin plus a custom role that the
 * tables it must read and the roles it may create are opened to).
 */
export function seedEmpty(seed: SeedWriter): void {
  for (const role of PLATFORM_ROLES) seed.role(role.name, { description: role.description, elevated: role.elevated ?? false });
  for (const role of PLATFORM_ROLES) for (const contained of role.contains ?? []) seed.contains(role.name, contained);

  for (const property of NEW_INSTANCE_PROPERTIES) {
    seed.property(property.name, property.value, { type: property.type, read_roles: 'admin', write_roles: 'security_admin' });
  }
  seed.property('glide.user.max_unlock_attempts', '5', { type: 'integer', description: 'Failed logins before lock-out' });

  seed.user({
    sysId: ADMIN_SYS_ID,
    user_name: SEED_CREDENTIALS.admin.userName,
    first_name: 'System',
    last_name: 'Administrator',
    email: 'admin@example.com',
    password: SEED_CREDENTIALS.admin.password,
    identity_type: 'human',
    roles: ['admin', 'security_admin'],
  });

  seed.role(RECONCILER_ROLE, { description: 'snac reconciler: reads scheduled jobs, flows, audit and properties; manages custom roles and OAuth clients' });
  const acl = seed.emulator.acl;
  for (const table of ['sys_properties', 'sysauto', 'sysauto_script', 'sys_hub_flow', 'sys_auth_profile_basic', 'sys_audit']) {
    acl.grant(table, 'read', RECONCILER_ROLE);
  }
  for (const table of ['sys_user_role', 'sys_user_role_contains']) {
    for (const operation of ['create', 'write', 'delete'] as const) acl.grant(table, operation, RECONCILER_ROLE);
  }
  for (const operation of ['read', 'create', 'write'] as const) acl.grant('oauth_entity', operation, RECONCILER_ROLE);
  acl.grant('sys_properties', 'write', RECONCILER_ROLE);
  acl.grant('sys_properties', 'create', RECONCILER_ROLE);

  seed.group({
    name: RECONCILER_GROUP,
    description: 'The account snac applies changes with',
    manager: SEED_CREDENTIALS.admin.userName,
    roles: ['user_admin', RECONCILER_ROLE],
  });
  seed.user({
    user_name: SEED_CREDENTIALS.reconciler.userName,
    first_name: 'snac',
    last_name: 'Reconciler',
    email: 'snac@example.com',
    password: SEED_CREDENTIALS.reconciler.password,
    web_service_access_only: true,
    identity_type: 'machine',
    manager: SEED_CREDENTIALS.admin.userName,
    groups: [RECONCILER_GROUP],
  });
}
