import type { SourceRef } from '../../src/diagnostics.js';
import { DEFAULT_CONFIG, type SnacConfig } from '../../src/model/config.js';
import type { DesiredGroup, DesiredOAuthClient, DesiredProperty, DesiredRole, DesiredServiceAccount, DesiredState } from '../../src/kinds/desired.js';
import type { LiveLink, LiveRecord, LiveState } from '../../src/kinds/live.js';
import { naturalKey, type NaturalKey } from '../../src/model/keys.js';
import type { Declared, Scalar } from '../../src/model/scalar.js';

/** Builders for desired and live states in tests: terse to write, complete in shape. */
export const at = (file = 'accounts/test.yaml', line = 1, column = 1): SourceRef => ({ file, line, column });
const d = <T>(value: T, line = 1): Declared<T> => ({ value, at: at('accounts/test.yaml', line) });
const fieldsOf = (fields: Record<string, Scalar>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, d(v)]));

export function account(key: string, fields: Record<string, Scalar> = {}, extra: { groups?: string[]; roles?: string[]; instances?: string[] } = {}): DesiredServiceAccount {
  return {
    kind: 'ServiceAccount',
    key: naturalKey(key),
    at: at(`accounts/${key}.yaml`),
    fields: fieldsOf(fields),
    ...(extra.groups ? { groups: extra.groups.map((g) => d(g)) } : {}),
    ...(extra.roles ? { roles: extra.roles.map((r) => d(r)) } : {}),
    ...(extra.instances ? { instances: extra.instances.map((i) => d(i)) } : {}),
  };
}

export function group(key: string, fields: Record<string, Scalar> = {}, roles?: string[]): DesiredGroup {
  return { kind: 'Group', key: naturalKey(key), name: key, at: at(`accounts/groups/${key}.yaml`), fields: fieldsOf(fields), ...(roles ? { roles: roles.map((r) => d(r)) } : {}) };
}

export function role(key: string, fields: Record<string, Scalar> = {}, contains?: string[]): DesiredRole {
  return { kind: 'Role', key: naturalKey(key), name: key, at: at(`accounts/roles/${key}.yaml`), fields: fieldsOf(fields), ...(contains ? { contains: contains.map((r) => d(r)) } : {}) };
}

export function property(key: string, value: string): DesiredProperty {
  return { kind: 'SecuritySettings', key: naturalKey(key), at: at('accounts/security.yaml'), value: d(value) };
}

/** Declarations from flat lists (the names read like the YAML folders), the rest empty. */
export interface DesiredParts {
  readonly config?: Partial<SnacConfig>;
  readonly accounts?: readonly DesiredServiceAccount[];
  readonly groups?: readonly DesiredGroup[];
  readonly roles?: readonly DesiredRole[];
  readonly properties?: readonly DesiredProperty[];
  readonly oauthClients?: readonly DesiredOAuthClient[];
}

export function desiredState(parts: DesiredParts = {}): DesiredState {
  return {
    config: { ...DEFAULT_CONFIG, ...parts.config },
    records: {
      ServiceAccount: parts.accounts ?? [],
      Group: parts.groups ?? [],
      Role: parts.roles ?? [],
      SecuritySettings: parts.properties ?? [],
      OAuthClient: parts.oauthClients ?? [],
    },
  };
}

let counter = 0;
const version = (table: string) => ({ table, sysId: `id${(counter += 1)}`, modCount: 0, updatedOn: '2026-11-01 00:00:00', updatedBy: 'admin', createdOn: '2026-10-01 00:00:00' });

export function liveRecord(table: string, key: string, fields: Record<string, Scalar> = {}): LiveRecord {
  const v = version(table);
  return { key: naturalKey(key), sysId: v.sysId, fields, version: v };
}

export function liveAccount(key: string, fields: Record<string, Scalar> = {}): LiveRecord {
  return liveRecord('sys_user', key, { active: true, locked_out: false, web_service_access_only: true, ...fields });
}

export function link(table: string, from: string, to: string): LiveLink {
  const v = version(table);
  return { from: naturalKey(from), to: naturalKey(to), sysId: v.sysId, version: v };
}

/** A live state from flat lists (the names read like the instance's lists), the rest defaulted. */
export interface LiveParts {
  readonly instance?: string;
  readonly accounts?: readonly LiveRecord[];
  readonly people?: readonly LiveRecord[];
  readonly groups?: readonly LiveRecord[];
  readonly roles?: readonly LiveRecord[];
  readonly properties?: readonly LiveRecord[];
  readonly directRoles?: readonly LiveLink[];
  readonly inheritedRoles?: LiveState['inheritedRoles'];
  readonly memberships?: readonly LiveLink[];
  readonly groupRoles?: readonly LiveLink[];
  readonly roleContains?: readonly LiveLink[];
  readonly activeAdmins?: readonly string[];
  readonly oauthClients?: readonly LiveRecord[];
}

export function liveState(parts: LiveParts = {}): LiveState {
  return {
    instance: parts.instance ?? 'test.service-now.com',
    records: {
      ServiceAccount: parts.accounts ?? [],
      Group: parts.groups ?? [],
      Role: parts.roles ?? ['admin', 'security_admin', 'itil', 'user_admin', 'rest_api_explorer', 'snc_internal'].map((r) =>
        liveRecord('sys_user_role', r, { name: r, elevated_privilege: r === 'security_admin' }),
      ),
      SecuritySettings: parts.properties ?? [],
      OAuthClient: parts.oauthClients ?? [],
    },
    links: {
      DirectRole: parts.directRoles ?? [],
      Membership: parts.memberships ?? [],
      GroupRole: parts.groupRoles ?? [],
      RoleContains: parts.roleContains ?? [],
    },
    people: parts.people ?? [],
    inheritedRoles: parts.inheritedRoles ?? [],
    activeAdmins: (parts.activeAdmins ?? ['admin']).map(naturalKey),
  };
}
