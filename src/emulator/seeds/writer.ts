import { hashPassword } from '../auth/passwords.js';
import type { Emulator } from '../emulator.js';
import type { Row } from '../store.js';

export interface UserSpec {
  readonly user_name: string;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly email?: string;
  readonly title?: string;
  readonly password?: string;
  /** user_name of the manager (must already exist). */
  readonly manager?: string;
  readonly active?: boolean;
  readonly locked_out?: boolean;
  readonly failed_attempts?: number;
  readonly password_needs_reset?: boolean;
  readonly web_service_access_only?: boolean;
  readonly internal_integration_user?: boolean;
  readonly identity_type?: 'human' | 'machine';
  readonly department?: string;
  readonly employee_number?: string;
  /** Direct role grants (inherited=false rows). */
  readonly roles?: readonly string[];
  readonly groups?: readonly string[];
  /** Extra raw field values. */
  readonly fields?: Readonly<Record<string, string>>;
}

export interface GroupSpec {
  readonly name: string;
  readonly description?: string;
  readonly manager?: string;
  readonly email?: string;
  readonly parent?: string;
  readonly active?: boolean;
  readonly roles?: readonly string[];
}

const flag = (value: boolean | undefined): string | undefined => (value === undefined ? undefined : String(value));

function defined(values: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * Builds seed data by natural keys (user_name, group name, role name) through the instance's
 * normal write path, so business rules create inherited roles exactly as on a real instance.
 */
export class SeedWriter {
  constructor(readonly emulator: Emulator) {}

  private get instance() {
    return this.emulator.instance;
  }

  id(table: string, field: string, value: string): string {
    const row = this.instance.findBy(table, field, value);
    if (!row) throw new Error(`seed: no ${table} with ${field}=${value}`);
    return row.values['sys_id'] ?? '';
  }

  userId = (userName: string): string => this.id('sys_user', 'user_name', userName);
  groupId = (name: string): string => this.id('sys_user_group', 'name', name);
  roleId = (name: string): string => this.id('sys_user_role', 'name', name);

  role(name: string, options: { description?: string; contains?: readonly string[]; elevated?: boolean; sysId?: string } = {}): Row {
    const row = this.instance.insert(
      'sys_user_role',
      defined({ name, description: options.description, elevated_privilege: flag(options.elevated), sys_id: options.sysId }),
    );
    for (const contained of options.contains ?? []) this.contains(name, contained);
    return row;
  }

  contains(role: string, contained: string): Row {
    return this.instance.insert('sys_user_role_contains', { role: this.roleId(role), contains: this.roleId(contained) });
  }

  user(spec: UserSpec & { sysId?: string }): Row {
    const row = this.instance.insert(
      'sys_user',
      defined({
        sys_id: spec.sysId,
        user_name: spec.user_name,
        first_name: spec.first_name,
        last_name: spec.last_name,
        email: spec.email,
        title: spec.title,
        manager: spec.manager ? this.userId(spec.manager) : undefined,
        user_password: spec.password === undefined ? undefined : hashPassword(spec.password),
        active: flag(spec.active),
        locked_out: flag(spec.locked_out),
        failed_attempts: spec.failed_attempts === undefined ? undefined : String(spec.failed_attempts),
        password_needs_reset: flag(spec.password_needs_reset),
        web_service_access_only: flag(spec.web_service_access_only),
        internal_integration_user: flag(spec.internal_integration_user),
        identity_type: spec.identity_type,
        employee_number: spec.employee_number,
        ...spec.fields,
      }),
    );
    for (const role of spec.roles ?? []) this.grant(spec.user_name, role);
    for (const group of spec.groups ?? []) this.member(spec.user_name, group);
    return row;
  }

  group(spec: GroupSpec): Row {
    const row = this.instance.insert(
      'sys_user_group',
      defined({
        name: spec.name,
        description: spec.description,
        manager: spec.manager ? this.userId(spec.manager) : undefined,
        email: spec.email,
        parent: spec.parent ? this.groupId(spec.parent) : undefined,
        active: flag(spec.active),
      }),
    );
    for (const role of spec.roles ?? []) this.groupRole(spec.name, role);
    return row;
  }

  groupRole(group: string, role: string): Row {
    return this.instance.insert('sys_group_has_role', { group: this.groupId(group), role: this.roleId(role) });
  }

  member(userName: string, group: string): Row {
    return this.instance.insert('sys_user_grmember', { user: this.userId(userName), group: this.groupId(group) });
  }

  grant(userName: string, role: string): Row {
    return this.instance.insert('sys_user_has_role', { user: this.userId(userName), role: this.roleId(role) });
  }

  property(name: string, value: string, extra: Record<string, string> = {}): Row {
    return this.instance.insert('sys_properties', { name, value, ...extra });
  }

  /** A scheduled script job (sysauto_script) running as `runAs` (a user_name), or as system when omitted. */
  scheduledJob(name: string, options: { runAs?: string; active?: boolean; runType?: string; script?: string } = {}): Row {
    return this.instance.insert(
      'sysauto_script',
      defined({
        name,
        run_as: options.runAs ? this.userId(options.runAs) : undefined,
        active: flag(options.active),
        run_type: options.runType,
        script: options.script,
      }),
    );
  }

  flow(name: string, options: { runAs?: 'user' | 'system'; runWithRoles?: readonly string[]; active?: boolean; status?: string } = {}): Row {
    return this.instance.insert(
      'sys_hub_flow',
      defined({
        name,
        internal_name: name.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
        run_as: options.runAs,
        run_with_roles: options.runWithRoles?.map((r) => this.roleId(r)).join(','),
        active: flag(options.active),
        status: options.status ?? 'published',
      }),
    );
  }

  authProfile(name: string, username: string, password: string): Row {
    return this.instance.insert('sys_auth_profile_basic', { name, username, password });
  }

  oauthClient(spec: { name: string; clientId: string; clientSecret: string; applicationUser?: string }): Row {
    return this.instance.insert(
      'oauth_entity',
      defined({
        name: spec.name,
        client_id: spec.clientId,
        client_secret: spec.clientSecret,
        application_user: spec.applicationUser ? this.userId(spec.applicationUser) : undefined,
      }),
    );
  }
}
