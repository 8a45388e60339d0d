import { DIRECT_ROLE } from './direct-role.js';
import { GROUP } from './group.js';
import { GROUP_ROLE } from './group-role.js';
import type { LinkKind, RecordKind } from './kind.js';
import { MEMBERSHIP } from './membership.js';
import { LINK_KIND_NAMES, RECORD_KIND_NAMES, type LinkKindName, type RecordKindName } from './names.js';
import { OAUTH_CLIENT } from './oauth-client.js';
import { ROLE } from './role.js';
import { ROLE_CONTAINS } from './role-contains.js';
import { SECURITY_SETTINGS } from './security-settings.js';
import { SERVICE_ACCOUNT } from './service-account.js';

/** Every kind snac plans, one line each. The mapped types make a missing kind a compile error. */
export const RECORD_KINDS: { readonly [K in RecordKindName]: RecordKind<K> } = {
  Role: ROLE,
  Group: GROUP,
  ServiceAccount: SERVICE_ACCOUNT,
  SecuritySettings: SECURITY_SETTINGS,
  OAuthClient: OAUTH_CLIENT,
};

export const LINK_KINDS: { readonly [K in LinkKindName]: LinkKind<K> } = {
  RoleContains: ROLE_CONTAINS,
  GroupRole: GROUP_ROLE,
  Membership: MEMBERSHIP,
  DirectRole: DIRECT_ROLE,
};

/** Record kinds, then link kinds, each in registry order. */
export const ALL_RECORD_KINDS: readonly RecordKind[] = RECORD_KIND_NAMES.map((name) => RECORD_KINDS[name]);
export const ALL_LINK_KINDS: readonly LinkKind[] = LINK_KIND_NAMES.map((name) => LINK_KINDS[name]);

/** Where the instance keeps the role rows it derives (inherited grants), beside the direct ones. */
export const INHERITED_ROLES_TABLE = LINK_KINDS.DirectRole.table;

/** The roles a new instance's ACLs let write `table` (create, write or delete), from the kinds' requirements. */
export function writeRolesOf(table: string): readonly string[] {
  const kinds = [...ALL_RECORD_KINDS, ...ALL_LINK_KINDS].filter((kind) => kind.table === table);
  return [...new Set(kinds.flatMap((kind) => kind.requirements.filter((r) => r.operation !== 'read').flatMap((r) => r.roles)))];
}
