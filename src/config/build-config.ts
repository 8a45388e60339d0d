import type { SourceRef } from '../diagnostics.js';
import { DEFAULT_CONFIG, type AuthConfig, type InstanceConfig, type PolicyRuleConfig, type SnacConfig } from '../model/config.js';
import { naturalKey } from '../model/keys.js';
import type { Outline } from '../kinds/outline.js';

/** A policy rule's settings in snac.yaml. */
interface RuleData {
  readonly enabled?: boolean;
  readonly severity?: 'error' | 'warning';
  readonly exceptions?: readonly string[];
  readonly debt?: readonly { readonly account: string; readonly since: string }[];
}

/** snac.yaml as schemas/snac-config.schema.json describes it (snake_case, everything optional but instances' own fields). */
export interface ConfigDocument {
  readonly instances?: readonly InstanceData[];
  readonly scope?: { readonly user_name_prefixes?: readonly string[]; readonly marker_group?: string; readonly exclude?: readonly string[] };
  readonly prune?: SnacConfig['prune'];
  readonly safety?: { readonly max_prunes?: number; readonly max_change_share?: number; readonly min_admins?: number };
  readonly platform_roles?: readonly string[];
  readonly known_roles?: readonly string[];
  readonly policy?: {
    readonly privileged_roles?: readonly string[];
    readonly forbidden_roles?: readonly string[];
    readonly dormant_after_days?: number;
    readonly rules?: Readonly<Record<string, RuleData>>;
  };
}

interface BasicAuthData {
  readonly type: 'basic';
  readonly username_env: string;
  readonly password_env: string;
}

interface OAuthData {
  readonly type: 'oauth';
  readonly grant: 'client_credentials' | 'password';
  readonly client_id_env: string;
  readonly client_secret_env: string;
  readonly username_env?: string;
  readonly password_env?: string;
}

interface InstanceData {
  readonly name: string;
  readonly url: string;
  readonly auth: BasicAuthData | OAuthData;
  readonly reconciler?: string;
}

/** An optional list of names. */
const NAMES: { readonly optional: { readonly items: 'string' } } = { optional: { items: 'string' } };

/** ConfigDocument as the schema describes it (test/config/document-types.test.ts compares them). */
export const CONFIG_OUTLINE: Outline<ConfigDocument> = {
  properties: {
    instances: {
      optional: {
        items: {
          properties: {
            name: 'string',
            url: 'string',
            auth: {
              oneOf: [
                { properties: { type: { enum: ['basic'] }, username_env: 'string', password_env: 'string' } },
                {
                  properties: {
                    type: { enum: ['oauth'] },
                    grant: { enum: ['client_credentials', 'password'] },
                    client_id_env: 'string',
                    client_secret_env: 'string',
                    username_env: { optional: 'string' },
                    password_env: { optional: 'string' },
                  },
                },
              ],
            },
            reconciler: { optional: 'string' },
          },
        },
      },
    },
    scope: { optional: { properties: { user_name_prefixes: NAMES, marker_group: { optional: 'string' }, exclude: NAMES } } },
    prune: { optional: { enum: ['deactivate', 'delete', 'ignore'] } },
    safety: { optional: { properties: { max_prunes: { optional: 'number' }, max_change_share: { optional: 'number' }, min_admins: { optional: 'number' } } } },
    platform_roles: NAMES,
    known_roles: NAMES,
    policy: {
      optional: {
        properties: {
          privileged_roles: NAMES,
          forbidden_roles: NAMES,
          dormant_after_days: { optional: 'number' },
          rules: {
            optional: {
              additionalProperties: {
                properties: {
                  enabled: { optional: 'boolean' },
                  severity: { optional: { enum: ['error', 'warning'] } },
                  exceptions: NAMES,
                  debt: { optional: { items: { properties: { account: 'string', since: 'string' } } } },
                },
              },
            },
          },
        },
      },
    },
  },
};

function auth(data: InstanceData['auth']): AuthConfig {
  if (data.type === 'basic') return { type: 'basic', usernameEnv: data.username_env, passwordEnv: data.password_env };
  return {
    type: 'oauth',
    grant: data.grant,
    clientIdEnv: data.client_id_env,
    clientSecretEnv: data.client_secret_env,
    ...(data.username_env === undefined ? {} : { usernameEnv: data.username_env }),
    ...(data.password_env === undefined ? {} : { passwordEnv: data.password_env }),
  };
}

function instance(data: InstanceData): InstanceConfig {
  return {
    name: data.name,
    url: data.url.replace(/\/+$/, ''),
    auth: auth(data.auth),
    ...(data.reconciler === undefined ? {} : { reconciler: naturalKey(data.reconciler) }),
  };
}

function rules(data: Readonly<Record<string, RuleData>>): Record<string, PolicyRuleConfig> {
  // fromEntries defines own properties: no key, whatever its name, reaches a prototype.
  return Object.fromEntries(
    Object.entries(data).map(([id, rule]) => [
      id,
      {
        enabled: rule.enabled ?? true,
        ...(rule.severity === undefined ? {} : { severity: rule.severity }),
        exceptions: (rule.exceptions ?? []).map(naturalKey),
        ...(rule.debt === undefined ? {} : { debt: rule.debt.map((d) => ({ account: naturalKey(d.account), since: d.since })) }),
      },
    ]),
  );
}

/**
 * SnacConfig from a validated snac.yaml: each field left out takes its default from
 * DEFAULT_CONFIG, field by field (a `scope:` with only an exclusion keeps the default prefixes).
 */
export function buildConfig(config: ConfigDocument, at: SourceRef): SnacConfig {
  const scope = config.scope ?? {};
  const safety = config.safety ?? {};
  const policy = config.policy ?? {};
  const defaults = DEFAULT_CONFIG;
  return {
    at,
    instances: (config.instances ?? []).map(instance),
    scope: {
      userNamePrefixes: (scope.user_name_prefixes ?? defaults.scope.userNamePrefixes).map(naturalKey),
      ...(scope.marker_group === undefined ? {} : { markerGroup: scope.marker_group.trim() }),
      exclude: (scope.exclude ?? defaults.scope.exclude).map(naturalKey),
    },
    prune: config.prune ?? defaults.prune,
    safety: {
      maxPrunes: safety.max_prunes ?? defaults.safety.maxPrunes,
      maxChangeShare: safety.max_change_share ?? defaults.safety.maxChangeShare,
      minAdmins: safety.min_admins ?? defaults.safety.minAdmins,
    },
    policy: {
      privilegedRoles: (policy.privileged_roles ?? defaults.policy.privilegedRoles).map(naturalKey),
      forbiddenRoles: (policy.forbidden_roles ?? defaults.policy.forbiddenRoles).map(naturalKey),
      dormantAfterDays: policy.dormant_after_days ?? defaults.policy.dormantAfterDays,
      rules: policy.rules === undefined ? defaults.policy.rules : rules(policy.rules),
    },
    knownRoles: (config.known_roles ?? defaults.knownRoles).map(naturalKey),
    platformRoles: [...new Set([...defaults.platformRoles, ...(config.platform_roles ?? []).map(naturalKey)])].sort(),
  };
}
