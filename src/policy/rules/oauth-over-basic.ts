import type { PolicyRule } from '../rule.js';

/**
 * An account declared `authentication: basic` sends its password on every call, where it can
 * leak from logs, proxies and scripts, and cannot be rotated without breaking the integration.
 * An OAuth client (an OAuthClient declaration acting as the account) gives short-lived tokens
 * and a secret the instance generates.
 */
export const oauthOverBasic: PolicyRule = {
  id: 'oauth-over-basic',
  severity: 'warning',
  title: 'integrations sign in with OAuth rather than Basic authentication',
  check: ({ accounts }) =>
    accounts.flatMap((a) =>
      a.authentication?.value !== 'basic'
        ? []
        : [{
            account: a.key,
            summary: `${a.key} signs in with Basic authentication: its password travels with every call and cannot be rotated without breaking the integration`,
            fix: 'declare an OAuthClient acting as the account, move the integration to it, then set authentication: oauth',
            at: a.authentication.at,
          }],
    ),
};
