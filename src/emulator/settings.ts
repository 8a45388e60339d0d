/** Switches of the emulated instance; defaults are a new instance's behaviour. */
export interface InstanceSettings {
  /** Wrong passwords in a row before an account is locked out (glide.user.max_unlock_attempts). */
  readonly maxFailedAttempts: number;
  /** SERVICENOW.md §5.1: newer instances may deny Basic auth to interactive users. */
  readonly basicAuthNonInteractiveOnly: boolean;
  /**
   * Let a REST session write security_admin-protected properties (High Security Settings).
   * Off by default: elevation is a per-session UI action that REST sessions do not have.
   */
  readonly restElevatedSecurityAdmin: boolean;
  /**
   * What a query naming an unknown or unreadable field does: `ignore` the condition (default),
   * return `no-rows` (glide.invalid_query.returns_no_rows=true), or `forbid` with 403
   * "Insufficient rights to query records" (what non-admins see on some releases).
   */
  readonly invalidQuery: 'ignore' | 'no-rows' | 'forbid';
  /** glide.sys.audit_inserts: inserts write sys_audit rows too. */
  readonly auditInserts: boolean;
  /**
   * sys_properties rows with read_roles are readable only by holders of one of them (the High
   * Security Settings carry read_roles=admin): hidden from lists, 404 on a single read.
   */
  readonly propertyReadRoles: boolean;
  /**
   * Rows of sys_user_has_role and sys_group_has_role about an elevated role (security_admin) are
   * visible only to a session elevated to it: an admin who has not elevated does not see them
   * ("To see this role, you must actually elevate to the security_admin role first").
   */
  readonly hideElevatedRoleRows: boolean;
}

export const DEFAULT_SETTINGS: InstanceSettings = {
  maxFailedAttempts: 5,
  basicAuthNonInteractiveOnly: false,
  restElevatedSecurityAdmin: false,
  invalidQuery: 'ignore',
  auditInserts: false,
  propertyReadRoles: true,
  hideElevatedRoleRows: true,
};
