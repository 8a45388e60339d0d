import { hasRole, type Actor } from './actor.js';
import type { Operation } from './errors.js';
import type { Values } from './store.js';

/** Roles that pass a table's ACL for an operation; '*' means any authenticated user. */
export type TableAcl = Readonly<Record<Operation, readonly string[]>>;

const open = ['*'];
const userAdmin = ['user_admin'];
const adminOnly = ['admin'];

/**
 * The base system's table ACLs for the tables snac touches, as a new instance ships them:
 * anyone internal reads users, roles, groups and memberships; user_admin manages users, groups,
 * memberships and role grants; only admin creates roles, reads properties and scheduled jobs.
 * admin passes every check (it is implied everywhere), except where an elevated role is needed.
 */
export function defaultAcls(): Map<string, TableAcl> {
  const acl = (read: string[], create: string[], write = create, del = create): TableAcl => ({ read, create, write, delete: del });
  return new Map<string, TableAcl>([
    ['sys_user', acl(open, userAdmin)],
    ['sys_user_role', acl(open, adminOnly)],
    ['sys_user_role_contains', acl(userAdmin, adminOnly)],
    ['sys_user_has_role', acl(userAdmin, userAdmin)],
    ['sys_user_group', acl(open, userAdmin)],
    ['sys_group_has_role', acl(userAdmin, userAdmin)],
    ['sys_user_grmember', acl(open, userAdmin)],
    ['sys_properties', acl(adminOnly, adminOnly)],
    ['sysauto', acl(adminOnly, adminOnly)],
    ['sysauto_script', acl(adminOnly, adminOnly)],
    ['sys_hub_flow', acl(['flow_designer'], adminOnly)],
    ['sys_auth_profile_basic', acl(adminOnly, adminOnly)],
    ['sys_audit', acl(adminOnly, [], [], [])],
    ['oauth_entity', acl(['oauth_admin'], ['oauth_admin'])],
  ]);
}

/**
 * Field-level read ACLs, `table.field` -> roles that may read it. A field the caller may not read
 * is left out of every record the Table API returns (SERVICENOW.md §2.4), as on a real instance.
 */
export type FieldAcls = Record<string, readonly string[]>;

export class AccessControl {
  readonly fields = new Map<string, readonly string[]>();

  constructor(
    readonly tables: Map<string, TableAcl>,
    private readonly elevatedRoles: () => ReadonlySet<string>,
  ) {}

  /** Only holders of `roles` (admin passes) may read `table.field`; an empty list lifts the rule. */
  restrictField(table: string, field: string, roles: readonly string[]): void {
    if (roles.length) this.fields.set(`${table}.${field}`, [...roles]);
    else this.fields.delete(`${table}.${field}`);
  }

  canReadField(actor: Actor, table: string, field: string): boolean {
    const roles = this.fields.get(`${table}.${field}`);
    return roles === undefined || this.holdsAny(actor, roles);
  }

  /** Whether the actor holds one of `roles` (admin passes, elevated roles only when elevated). */
  holdsAny(actor: Actor, roles: readonly string[]): boolean {
    if (actor.system) return true;
    const elevated = this.elevatedRoles();
    return roles.some((role) => hasRole(actor, role, elevated));
  }

  /** Add roles to a table's ACL (what an admin does with a new ACL record for an integration role). */
  grant(table: string, operation: Operation, role: string): void {
    const current = this.tables.get(table) ?? { read: [], create: [], write: [], delete: [] };
    this.tables.set(table, { ...current, [operation]: [...new Set([...current[operation], role])] });
  }

  /** Table-level check. */
  can(actor: Actor, table: string, operation: Operation): boolean {
    if (actor.system) return true;
    const roles = this.tables.get(table)?.[operation] ?? [];
    if (roles.includes('*')) return true;
    const elevated = this.elevatedRoles();
    return hasRole(actor, 'admin', elevated) || roles.some((role) => hasRole(actor, role, elevated));
  }

  /**
   * Row-level write check: a sys_properties row with write_roles (the High Security Settings
   * carry security_admin) needs one of them, and security_admin only counts when elevated.
   */
  canWriteRow(actor: Actor, table: string, values: Values): boolean {
    if (actor.system || table !== 'sys_properties') return true;
    const writeRoles = roleList(values['write_roles']);
    return !writeRoles.length || this.holdsAny(actor, writeRoles);
  }
}

/** A comma-separated role list as stored in read_roles / write_roles. */
export function roleList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((r) => r.trim()).filter(Boolean);
}
