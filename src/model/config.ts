import type { SourceRef } from '../diagnostics.js';

/** snac.yaml, validated and with defaults applied. */
export interface SnacConfig {
  /** Where snac.yaml was read from; absent when built in code (tests, defaults). */
  readonly at?: SourceRef;
  readonly instances: readonly InstanceConfig[];
  readonly scope: ScopeConfig;
  /** What happens to an account in scope that is no longer declared. Default deactivate. */
  readonly prune: PrunePolicy;
  readonly safety: SafetyConfig;
  readonly policy: PolicyConfig;
  /** Roles the instances ship beyond snac's baseline list: references to them are accepted. */
  readonly knownRoles: readonly string[];
  /**
   * Roles the platform grants by itself (snc_internal at login, since Xanadu; snc_external),
   * plus any snac.yaml lists: never revoked from an account unless the declaration names them.
   */
  readonly platformRoles: readonly string[];
}

/** Roles the platform grants by itself (explicit-roles.md): snac leaves them alone. */
export const PLATFORM_MANAGED_ROLES: readonly string[] = ['snc_external', 'snc_internal'];

export type PrunePolicy = 'deactivate' | 'delete' | 'ignore';

export interface InstanceConfig {
  readonly name: string;
  /** https://<name>.service-now.com */
  readonly url: string;
  readonly auth: AuthConfig;
  /** The reconciler's own user_name on this instance (never pruned or stripped). */
  readonly reconciler?: string;
}

/** Credentials are never in snac.yaml, only the names of the environment variables holding them. */
export type AuthConfig =
  | { readonly type: 'basic'; readonly usernameEnv: string; readonly passwordEnv: string }
  | {
      readonly type: 'oauth';
      readonly grant: 'client_credentials' | 'password';
      readonly clientIdEnv: string;
      readonly clientSecretEnv: string;
      readonly usernameEnv?: string;
      readonly passwordEnv?: string;
    };

/** Which live accounts snac owns besides the declared ones. Nothing outside scope is written. */
export interface ScopeConfig {
  /** user_name prefixes, e.g. ["svc_"]. */
  readonly userNamePrefixes: readonly string[];
  /** Members of this group are in scope. */
  readonly markerGroup?: string;
  /** user_names never touched even if a prefix matches. */
  readonly exclude: readonly string[];
}

export interface SafetyConfig {
  /** Refuse when more than this many prunes (deactivate/delete) are planned. */
  readonly maxPrunes: number;
  /** Refuse when more than this share (0..1) of in-scope accounts would be pruned or updated. */
  readonly maxChangeShare: number;
  /** Refuse when fewer active admins would remain. */
  readonly minAdmins: number;
}

export type Severity = 'error' | 'warning';

export interface PolicyRuleConfig {
  readonly enabled: boolean;
  readonly severity?: Severity;
  /** user_names the rule does not apply to. */
  readonly exceptions: readonly string[];
  /** Violations recorded when the accounts were adopted: warnings, dated, until fixed. */
  readonly debt?: readonly PolicyDebt[];
}

export interface PolicyDebt {
  readonly account: string;
  /** YYYY-MM-DD. */
  readonly since: string;
}

export interface PolicyConfig {
  /** Roles beyond admin, security_admin and elevated roles that count as privileged. */
  readonly privilegedRoles: readonly string[];
  /** Roles a service account may never hold unless declared `privileged` with a reason. */
  readonly forbiddenRoles: readonly string[];
  /** A service account whose last login is older than this many days (or never) is dormant. */
  readonly dormantAfterDays: number;
  readonly rules: Readonly<Record<string, PolicyRuleConfig>>;
}

export const DEFAULT_CONFIG: SnacConfig = {
  instances: [],
  scope: { userNamePrefixes: ['svc_'], exclude: [] },
  prune: 'deactivate',
  safety: { maxPrunes: 10, maxChangeShare: 0.3, minAdmins: 1 },
  policy: { privilegedRoles: [], forbiddenRoles: ['admin', 'security_admin'], dormantAfterDays: 90, rules: {} },
  knownRoles: [],
  platformRoles: PLATFORM_MANAGED_ROLES,
};
