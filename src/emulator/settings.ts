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
}

export const DEFAULT_SETTINGS: InstanceSettings = {
  maxFailedAttempts: 5,
  basicAuthNonInteractiveOnly: false,
  restElevatedSecurityAdmin: false,
  invalidQuery: 'ignore',
  auditInserts: false,
};
