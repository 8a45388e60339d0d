import { CLIENT_CREDENTIALS_PROPERTY } from '../../kinds/oauth-client.js';
import { HIGH_SECURITY_SETTINGS } from '../../model/high-security-settings.js';
import type { PolicyRule } from '../rule.js';

export { CLIENT_CREDENTIALS_PROPERTY };
const FALLBACK = HIGH_SECURITY_SETTINGS.find((s) => s.property === CLIENT_CREDENTIALS_PROPERTY)?.fallback ?? 'false';

/**
 * An OAuth client declared for the client_credentials grant gets no token while the instance
 * property that enables the grant is off (or has no row, which means off): its integration
 * fails at its first call. Judged on the instance as the plan leaves it, so declaring the
 * property in the same change clears it.
 */
export const oauthGrantDisabled: PolicyRule = {
  id: 'oauth-grant-disabled',
  severity: 'warning',
  title: 'OAuth clients declared for client_credentials only where the instance enables that grant',
  check: ({ desired, accounts, after, instance }) => {
    const value = after.records.SecuritySettings.find((p) => p.key === CLIENT_CREDENTIALS_PROPERTY)?.fields['value'];
    if (String(value ?? FALLBACK) === 'true') return [];
    const here = new Set(accounts.map((a) => a.key));
    return desired.records.OAuthClient
      .filter((c) => c.grantType.value === 'client_credentials' && c.fields.active?.value !== false && here.has(c.account.value))
      .map((c) => ({
        account: c.account.value,
        summary: `OAuth client "${c.name}" uses the client_credentials grant, which ${instance} does not enable (${CLIENT_CREDENTIALS_PROPERTY} is ${value === undefined ? 'absent, which means off, or hidden from snac\'s account' : String(value)}), so it gets no token`,
        fix: 'a security_admin sets client_credentials_grant: true (declare it under SecuritySettings, or set it on the High Security Settings page), or use another grant_type',
        at: c.grantType.at,
      }));
  },
};
