/** Roles as a new instance's table ACLs name them: any user, user_admin, or admin alone. */
export const ANY: readonly string[] = ['*'];
export const USER_ADMIN: readonly string[] = ['user_admin'];
export const ADMIN: readonly string[] = ['admin'];
