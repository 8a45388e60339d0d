import type { GroupDocument } from './group-declaration.js';
import type { OAuthClientDocument } from './oauth-client-declaration.js';
import type { RoleDocument } from './role-declaration.js';
import type { SecuritySettingsDocument } from './security-settings-declaration.js';
import type { ServiceAccountDocument } from './service-account-declaration.js';

/**
 * A valid YAML document of each kind, as its schema describes it: what the kind's validator
 * guards and its builder reads. Each type is written next to its builder, with its outline.
 */
export interface DocumentByKind {
  readonly ServiceAccount: ServiceAccountDocument;
  readonly Group: GroupDocument;
  readonly Role: RoleDocument;
  readonly SecuritySettings: SecuritySettingsDocument;
  readonly OAuthClient: OAuthClientDocument;
}
