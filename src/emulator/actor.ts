/**
 * Who performs an operation: the authenticated user of a request, or the platform itself
 * (business rules, seeds). `roles` is the user's effective role set (direct, group-inherited and
 * contained); `elevated` the elevated roles active in this session (never, over REST, unless the
 * emulator is configured to allow it).
 */
export interface Actor {
  readonly userName: string;
  readonly userId: string;
  readonly roles: ReadonlySet<string>;
  readonly elevated: ReadonlySet<string>;
  readonly system: boolean;
}

export const SYSTEM: Actor = {
  userName: 'system',
  userId: '',
  roles: new Set(['admin', 'security_admin']),
  elevated: new Set(['security_admin']),
  system: true,
};

/** admin passes every role check except elevated roles, which need an elevated session. */
export function hasRole(actor: Actor, role: string, elevatedRoles: ReadonlySet<string>): boolean {
  if (actor.system) return true;
  if (elevatedRoles.has(role)) return actor.roles.has(role) && actor.elevated.has(role);
  return actor.roles.has(role) || actor.roles.has('admin');
}
