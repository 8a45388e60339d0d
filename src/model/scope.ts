import type { ScopeConfig } from './config.js';
import { naturalKey } from './keys.js';

/**
 * Which live accounts snac owns: declared ones, plus those the scope rule selects (a user_name
 * prefix or membership of the marker group), minus exclusions. Nothing outside is ever written.
 */
export interface AccountScope {
  readonly prefixes: readonly string[];
  readonly markerGroup?: string;
  readonly exclude: ReadonlySet<string>;
  readonly declared: ReadonlySet<string>;
}

export function accountScope(config: ScopeConfig, declared: Iterable<string>): AccountScope {
  return {
    prefixes: config.userNamePrefixes.map(naturalKey),
    ...(config.markerGroup === undefined ? {} : { markerGroup: naturalKey(config.markerGroup) }),
    exclude: new Set(config.exclude.map(naturalKey)),
    declared: new Set(declared),
  };
}

/** Is this live account snac's to manage? `groups` are the account's live group names. */
export function isInScope(scope: AccountScope, userName: string, groups: readonly string[] = []): boolean {
  const key = naturalKey(userName);
  if (scope.exclude.has(key)) return false;
  if (scope.declared.has(key)) return true;
  if (scope.prefixes.some((prefix) => key.startsWith(prefix))) return true;
  return scope.markerGroup !== undefined && groups.some((g) => naturalKey(g) === scope.markerGroup);
}
