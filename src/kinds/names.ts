/**
 * The kinds snac plans, by the names plans and journals use. Records have a natural key of their
 * own; links relate two records by their natural keys. Adding a kind adds its name here, and the
 * compiler then asks for it everywhere a kind must be handled (the registry, the live state).
 */
export const RECORD_KIND_NAMES = ['Role', 'Group', 'ServiceAccount', 'SecuritySettings', 'OAuthClient'] as const;
export const LINK_KIND_NAMES = ['RoleContains', 'GroupRole', 'Membership', 'DirectRole'] as const;

export type RecordKindName = (typeof RECORD_KIND_NAMES)[number];
export type LinkKindName = (typeof LINK_KIND_NAMES)[number];
export type KindName = RecordKindName | LinkKindName;

export function isLinkKindName(name: string): name is LinkKindName {
  return (LINK_KIND_NAMES as readonly string[]).includes(name);
}
