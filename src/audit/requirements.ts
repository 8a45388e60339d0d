import type { DesiredState } from '../model/desired.js';
import type { Operation } from './report.js';

/**
 * The role the documented least-privilege set-up gives snac's account, and to which an
 * administrator opens the ACLs below marked `setUp` (README: seeds and their credentials).
 */
export const RECONCILER_ROLE = 'u_snac_reconciler';

/** One table operation snac performs, and the roles the base system's table ACL lets through. */
export interface Requirement {
  readonly table: string;
  readonly operation: Operation;
  readonly purpose: string;
  /** Roles passing a new instance's ACL ('*': any user). admin passes every one of them. */
  readonly roles: readonly string[];
  /** Opened to RECONCILER_ROLE by the set-up's custom ACL. */
  readonly setUp?: boolean;
  /** Whether these declarations need it; absent means always. */
  readonly neededBy?: (desired: DesiredState) => boolean;
}

const any = ['*'];
const userAdmin = ['user_admin'];
const admin = ['admin'];
const hasDirectRoles = (d: DesiredState) => d.accounts.some((a) => a.roles !== undefined);
const hasMemberships = (d: DesiredState) => d.accounts.some((a) => a.groups !== undefined);
const hasGroupRoles = (d: DesiredState) => d.groups.some((g) => g.roles !== undefined);
const hasContains = (d: DesiredState) => d.roles.some((r) => r.contains !== undefined);

/**
 * What planning and applying need, per table and operation, from a new instance's ACLs
 * (../shared/SERVICENOW.md §6-§9; the emulator's src/emulator/acl.ts models the same table).
 * High Security Settings are apart: they need an elevated security_admin (preflight.ts).
 */
export const REQUIREMENTS: readonly Requirement[] = [
  { table: 'sys_user', operation: 'read', purpose: 'service accounts and their owners', roles: any },
  { table: 'sys_user_role', operation: 'read', purpose: 'roles', roles: any },
  { table: 'sys_user_group', operation: 'read', purpose: 'groups', roles: any },
  { table: 'sys_user_grmember', operation: 'read', purpose: 'group memberships', roles: any },
  { table: 'sys_user_has_role', operation: 'read', purpose: 'role grants, without which every account looks roleless', roles: userAdmin },
  { table: 'sys_group_has_role', operation: 'read', purpose: 'the roles groups grant', roles: userAdmin },
  { table: 'sys_user_role_contains', operation: 'read', purpose: 'role containment', roles: userAdmin },
  { table: 'sys_properties', operation: 'read', purpose: 'High Security Settings and declared properties', roles: admin, setUp: true },
  { table: 'sysauto', operation: 'read', purpose: 'scheduled jobs, for blast radius and audit', roles: admin, setUp: true },
  { table: 'sys_hub_flow', operation: 'read', purpose: 'flows, for the audit', roles: ['flow_designer'], setUp: true },
  { table: 'sys_auth_profile_basic', operation: 'read', purpose: 'Basic auth profiles, for blast radius and audit', roles: admin, setUp: true },
  { table: 'sys_user', operation: 'create', purpose: 'create service accounts', roles: userAdmin },
  { table: 'sys_user', operation: 'write', purpose: 'update, lock and deactivate service accounts', roles: userAdmin },
  { table: 'sys_user', operation: 'delete', purpose: 'delete pruned accounts, with prune: delete', roles: userAdmin, neededBy: (d) => d.config.prune === 'delete' },
  { table: 'sys_user_has_role', operation: 'create', purpose: 'grant direct roles', roles: userAdmin, neededBy: hasDirectRoles },
  { table: 'sys_user_has_role', operation: 'delete', purpose: 'revoke direct roles', roles: userAdmin, neededBy: hasDirectRoles },
  { table: 'sys_user_grmember', operation: 'create', purpose: 'add accounts to groups', roles: userAdmin, neededBy: hasMemberships },
  { table: 'sys_user_grmember', operation: 'delete', purpose: 'remove accounts from groups', roles: userAdmin, neededBy: hasMemberships },
  { table: 'sys_user_group', operation: 'create', purpose: 'create groups', roles: userAdmin, neededBy: (d) => d.groups.length > 0 },
  { table: 'sys_user_group', operation: 'write', purpose: 'update groups', roles: userAdmin, neededBy: (d) => d.groups.length > 0 },
  { table: 'sys_group_has_role', operation: 'create', purpose: 'grant roles to groups', roles: userAdmin, neededBy: hasGroupRoles },
  { table: 'sys_group_has_role', operation: 'delete', purpose: 'revoke roles from groups', roles: userAdmin, neededBy: hasGroupRoles },
  { table: 'sys_user_role', operation: 'create', purpose: 'create custom roles', roles: admin, setUp: true, neededBy: (d) => d.roles.length > 0 },
  { table: 'sys_user_role', operation: 'write', purpose: 'update custom roles', roles: admin, setUp: true, neededBy: (d) => d.roles.length > 0 },
  { table: 'sys_user_role_contains', operation: 'create', purpose: 'make roles contain roles', roles: admin, setUp: true, neededBy: hasContains },
  { table: 'sys_user_role_contains', operation: 'delete', purpose: 'remove contained roles', roles: admin, setUp: true, neededBy: hasContains },
  { table: 'sys_properties', operation: 'create', purpose: 'add declared system properties', roles: admin, setUp: true, neededBy: (d) => d.properties.length > 0 },
  { table: 'sys_properties', operation: 'write', purpose: 'set declared system properties', roles: admin, setUp: true, neededBy: (d) => d.properties.length > 0 },
];
