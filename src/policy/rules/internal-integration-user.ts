import type { PolicyRule } from '../rule.js';

/** The role that makes an account a MID Server account. */
export const MID_SERVER_ROLE = 'mid_server';

/**
 * internal_integration_user lets traffic skip WS-Security; ServiceNow meant it for MID Server
 * users. An account is a MID Server account when it holds mid_server after the plan, directly
 * or through a group (e.g. "MID Servers").
 */
export const internalIntegrationUser: PolicyRule = {
  id: 'internal-integration-user',
  severity: 'error',
  title: 'internal_integration_user only for MID Server accounts (holding mid_server, directly or through a group)',
  check: ({ accounts, rolesAfter }) =>
    accounts
      .filter((a) => a.fields.internal_integration_user?.value === true && !rolesAfter(a.key).has(MID_SERVER_ROLE))
      .map((a) => ({
        account: a.key,
        summary: `${a.key} is an internal integration user but would not hold ${MID_SERVER_ROLE}: only MID Server accounts may skip WS-Security`,
        fix: `remove internal_integration_user: true, or add ${a.key} to the group that grants ${MID_SERVER_ROLE} if a MID Server logs in as it`,
        at: a.fields.internal_integration_user?.at ?? a.at,
      })),
};
