import type { SourceRef } from '../../diagnostics.js';
import { HIGH_SECURITY_SETTINGS } from '../../model/high-security-settings.js';
import type { LiveState } from '../../kinds/live.js';
import type { PolicyContext, PolicyRule, Violation } from '../rule.js';

export const STRICT_SECURITY_PROPERTY = 'glide.soap.strict_security';
export const SOAP_ROLE = 'soap';
const FALLBACK = HIGH_SECURITY_SETTINGS.find((s) => s.property === STRICT_SECURITY_PROPERTY)?.fallback ?? 'true';

/** Strict security is on when the property says so, or when its row is absent (the platform falls back to true). */
function strictIn(state: LiveState): boolean {
  const value = state.records.SecuritySettings.find((p) => p.key === STRICT_SECURITY_PROPERTY)?.fields['value'];
  return String(value ?? FALLBACK) === 'true';
}

/**
 * Evidence that an account calls SOAP: its purpose says SOAP or WSDL, it holds one of the
 * soap_* roles, or it holds soap now. The instance cannot tell which protocol an account uses.
 */
function soapEvidence(context: PolicyContext, account: string, purpose: string | undefined): string | undefined {
  if (purpose !== undefined && /\b(soap|wsdl)\b/i.test(purpose)) return 'its purpose mentions SOAP';
  if (context.rolesBefore(account).has(SOAP_ROLE)) return `it holds ${SOAP_ROLE} today`;
  const partial = [...context.rolesBefore(account), ...context.rolesAfter(account)].find((r) => r.startsWith(`${SOAP_ROLE}_`));
  return partial === undefined ? undefined : `it holds ${partial}`;
}

/**
 * Seed 003: under strict security (glide.soap.strict_security) SOAP requests need the soap role.
 * Accounts that use SOAP and would not hold it lose SOAP access; when the plan itself turns the
 * setting on, the finding points at that declaration and names every account cut off.
 */
export const strictSecuritySoap: PolicyRule = {
  id: 'strict-security-soap',
  severity: 'error',
  title: 'under SOAP strict security, accounts that use SOAP hold the soap role',
  check: (context) => {
    if (!strictIn(context.after)) return [];
    const turnedOn = !strictIn(context.live);
    const declared = new Map(context.accounts.map((a) => [a.key, a]));
    const setting = context.desired.records.SecuritySettings.find((p) => p.key === STRICT_SECURITY_PROPERTY);
    const after = new Map(context.after.records.ServiceAccount.map((a) => [a.key, a]));
    const candidates = turnedOn ? [...after.keys()] : context.accounts.map((a) => a.key);
    const violations: Violation[] = [];
    for (const key of [...new Set(candidates)].sort()) {
      if (after.get(key)?.fields['active'] === false) continue;
      const account = declared.get(key);
      const evidence = soapEvidence(context, key, account?.purpose?.value);
      if (evidence === undefined || context.rolesAfter(key).has(SOAP_ROLE)) continue;
      const at: SourceRef | undefined = turnedOn ? setting?.value.at ?? account?.at : account?.at;
      violations.push({
        account: key,
        summary: turnedOn
          ? `turning on SOAP strict security (${STRICT_SECURITY_PROPERTY}) cuts ${key} off SOAP: ${evidence}, and it would not hold ${SOAP_ROLE}`
          : `${key} uses SOAP (${evidence}) but would not hold ${SOAP_ROLE}, which strict security requires: its SOAP calls are refused`,
        fix: `grant ${SOAP_ROLE} to ${key} through a group before strict security applies to it`,
        ...(at === undefined ? {} : { at }),
      });
    }
    return violations;
  },
};
