/** The kinds a document under accounts/ can declare, by the value of its `kind:` field. */
export const DECLARATION_KINDS = ['ServiceAccount', 'Group', 'Role', 'SecuritySettings', 'OAuthClient'] as const;
export type DeclarationKind = (typeof DECLARATION_KINDS)[number];

/** The schema file (under schemas/) of each kind, and of snac.yaml. */
export const SCHEMA_FILES: Readonly<Record<DeclarationKind | 'SnacConfig', string>> = {
  ServiceAccount: 'service-account.schema.json',
  Group: 'group.schema.json',
  Role: 'role.schema.json',
  SecuritySettings: 'security-settings.schema.json',
  OAuthClient: 'oauth-client.schema.json',
  SnacConfig: 'snac-config.schema.json',
};

/** Value formats the other schemas refer to. */
export const DEFINITIONS_SCHEMA_FILE = 'definitions.schema.json';

export function isDeclarationKind(value: unknown): value is DeclarationKind {
  return (DECLARATION_KINDS as readonly unknown[]).includes(value);
}
