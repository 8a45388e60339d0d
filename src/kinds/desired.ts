import type { SourceRef } from '../diagnostics.js';
import type { SnacConfig } from '../model/config.js';
import type { NaturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';
import type { RecordKindName } from './names.js';
import type { GroupField } from './group.js';
import type { OAuthClientField } from './oauth-client.js';
import type { RoleField } from './role.js';
import type { AccountField } from './service-account.js';

export type { AccountField, GroupField, OAuthClientField, RoleField };

/**
 * The desired state: plain data built from validated YAML, keyed by natural keys. A field that
 * is absent is not managed (peribolos: "want == nil: do not care what we have"); a list that is
 * undefined is not managed either, while an empty list means "none".
 */

/** How an integration signs in as its account. */
export const AUTHENTICATION_METHODS = ['oauth', 'basic', 'mutual_tls'] as const;
export type AuthenticationMethod = (typeof AUTHENTICATION_METHODS)[number];

export interface DesiredServiceAccount {
  readonly kind: 'ServiceAccount';
  /** user_name, normalised (see keys.ts). */
  readonly key: NaturalKey;
  readonly at: SourceRef;
  readonly fields: Partial<Record<AccountField, Declared<Scalar>>>;
  /** Group names the account is a member of; undefined = memberships unmanaged. */
  readonly groups?: readonly Declared<string>[];
  /** Direct role grants (inherited=false); undefined = direct roles unmanaged. */
  readonly roles?: readonly Declared<string>[];
  readonly purpose?: Declared<string>;
  /** Instance names the account exists on; undefined = every instance in snac.yaml. */
  readonly instances?: readonly Declared<string>[];
  /** ISO date (YYYY-MM-DD) after which the account must be inactive. */
  readonly expires?: Declared<string>;
  /** How the integration signs in as the account, as declared (not written to the instance). */
  readonly authentication?: Declared<AuthenticationMethod>;
  /** Policy exemption: the account may be interactive, for this reason. */
  readonly interactiveReason?: Declared<string>;
  /** Policy exemption: the account may hold privileged roles, for this reason. */
  readonly privilegedReason?: Declared<string>;
}

export interface DesiredGroup {
  readonly kind: 'Group';
  /** Group name. */
  readonly key: NaturalKey;
  /** The name as written in YAML (the key is normalised); used when creating the record. */
  readonly name?: string;
  readonly at: SourceRef;
  readonly fields: Partial<Record<GroupField, Declared<Scalar>>>;
  /** Roles granted to every member (sys_group_has_role); undefined = unmanaged. */
  readonly roles?: readonly Declared<string>[];
}

/** A custom role. Baseline roles are referenced, never declared. */
export interface DesiredRole {
  readonly kind: 'Role';
  readonly key: NaturalKey;
  /** The name as written in YAML (the key is normalised); used when creating the record. */
  readonly name?: string;
  readonly at: SourceRef;
  readonly fields: Partial<Record<RoleField, Declared<Scalar>>>;
  /** Roles this role contains (sys_user_role_contains); undefined = unmanaged. */
  readonly contains?: readonly Declared<string>[];
}

/** One sys_properties value, declared by friendly name or raw property name. */
export interface DesiredProperty {
  readonly kind: 'SecuritySettings';
  /** The real property name, e.g. glide.basicauth.required.soap. */
  readonly key: NaturalKey;
  readonly at: SourceRef;
  /** The value as ServiceNow stores it ('true', 'deny', '5'). */
  readonly value: Declared<string>;
  /** The friendly name it was declared under, when it was. */
  readonly friendlyName?: string;
}

/** The grants an inbound OAuth client is declared for. */
export const OAUTH_GRANT_TYPES = ['client_credentials', 'password', 'jwt_bearer'] as const;
export type OAuthGrantType = (typeof OAUTH_GRANT_TYPES)[number];

/**
 * An inbound OAuth client (oauth_entity, type client) whose tokens act as a declared service
 * account. Its secret is the instance's: never declared, read or planned.
 */
export interface DesiredOAuthClient {
  readonly kind: 'OAuthClient';
  /** The client's name, normalised. */
  readonly key: NaturalKey;
  /** The name as written in YAML; used when creating the record. */
  readonly name: string;
  readonly at: SourceRef;
  /** `application_user` holds the account's user_name; `comments` the declared purpose. */
  readonly fields: Partial<Record<OAuthClientField, Declared<Scalar>>>;
  /** The account tokens act as (user_name, normalised). */
  readonly account: Declared<NaturalKey>;
  readonly grantType: Declared<OAuthGrantType>;
  readonly purpose?: Declared<string>;
}

/** The declared records of each kind, by kind name. A kind's declaration type is listed here once. */
export interface DesiredByKind {
  readonly ServiceAccount: DesiredServiceAccount;
  readonly Group: DesiredGroup;
  readonly Role: DesiredRole;
  readonly SecuritySettings: DesiredProperty;
  readonly OAuthClient: DesiredOAuthClient;
}

/** Every declared record, keyed by kind, each list sorted by natural key. */
export type DesiredRecords = { readonly [K in RecordKindName]: readonly DesiredByKind[K][] };

export interface DesiredState {
  readonly config: SnacConfig;
  readonly records: DesiredRecords;
}
