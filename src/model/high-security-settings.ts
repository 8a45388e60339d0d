/**
 * The High Security Settings snac manages by friendly name, mapped to their sys_properties rows.
 * Source: ../shared/SERVICENOW.md §7. `newInstanceValue` is what a newly provisioned instance
 * holds; `undefined` means the row is absent and the platform falls back to `fallback`.
 * `irreversible` names the value that cannot be changed back once set (safe harbor / default deny).
 */
export interface HighSecuritySetting {
  readonly friendlyName: string;
  readonly property: string;
  readonly type: 'boolean' | 'string' | 'integer';
  readonly description: string;
  readonly newInstanceValue: string | undefined;
  readonly fallback: string;
  readonly irreversible?: string;
}

/** A require-authorization switch; `absentOnNewInstance` marks those with no row until someone adds one. */
function requireAuth(protocol: string, label: string, absentOnNewInstance = false): HighSecuritySetting {
  return {
    friendlyName: `require_auth_${protocol}`,
    property: `glide.basicauth.required.${protocol}`,
    type: 'boolean',
    description: `Requires authorization for incoming ${label} requests`,
    newInstanceValue: absentOnNewInstance ? undefined : 'true',
    fallback: 'false',
  };
}

export const HIGH_SECURITY_SETTINGS: readonly HighSecuritySetting[] = [
  requireAuth('soap', 'SOAP'),
  requireAuth('wsdl', 'WSDL'),
  requireAuth('xsd', 'XSD'),
  requireAuth('schema', 'table schema processor'),
  requireAuth('xml', 'XML processor'),
  requireAuth('csv', 'CSV export'),
  requireAuth('excel', 'Excel export'),
  requireAuth('pdf', 'PDF export'),
  requireAuth('rss', 'RSS'),
  requireAuth('unl', 'unload'),
  requireAuth('importprocessor', 'import processor'),
  requireAuth('scriptedprocessor', 'scripted processor'),
  requireAuth('jsonv2', 'JSONv2', true),
  requireAuth('xmloutputprocessor', 'XML output processor', true),
  { ...requireAuth('api', 'REST API', true), irreversible: 'true' },
  requireAuth('databrokerrestapiprocessor', 'data broker REST'),
  {
    friendlyName: 'default_deny',
    property: 'glide.sm.default_mode',
    type: 'string',
    description: 'Default deny for tables without a matching ACL (deny or allow)',
    newInstanceValue: 'deny',
    fallback: 'allow',
    irreversible: 'deny',
  },
  { friendlyName: 'csrf_token', property: 'glide.security.use_csrf_token', type: 'boolean', description: 'Use CSRF tokens on forms', newInstanceValue: 'true', fallback: 'true' },
  { friendlyName: 'csrf_strict_validation', property: 'glide.security.csrf.strict.validation.mode', type: 'boolean', description: 'Strict CSRF token validation', newInstanceValue: 'false', fallback: 'false' },
  { friendlyName: 'soap_strict_security', property: 'glide.soap.strict_security', type: 'boolean', description: 'SOAP requests go through the security manager and need SOAP roles (strict security)', newInstanceValue: 'true', fallback: 'true' },
  { friendlyName: 'strict_elevate_privilege', property: 'glide.security.strict_elevate_privilege', type: 'boolean', description: 'Elevated roles are held only while elevated', newInstanceValue: 'true', fallback: 'false' },
  { friendlyName: 'secure_cookies', property: 'glide.ui.secure_cookies', type: 'boolean', description: 'Send cookies with the Secure flag', newInstanceValue: 'true', fallback: 'true' },
  { friendlyName: 'rotate_sessions', property: 'glide.ui.rotate_sessions', type: 'boolean', description: 'Rotate the session id at login', newInstanceValue: 'true', fallback: 'true' },
  { friendlyName: 'escape_script', property: 'glide.html.escape_script', type: 'boolean', description: 'Escape script in HTML fields', newInstanceValue: 'true', fallback: 'true' },
  { friendlyName: 'client_credentials_grant', property: 'glide.oauth.inbound.client.credential.grant_type.enabled', type: 'boolean', description: 'Allow the OAuth client_credentials grant for inbound integrations', newInstanceValue: undefined, fallback: 'false' },
  { friendlyName: 'ropc_grant_disabled', property: 'glide.oauth.inbound.ropc.grant_type.disabled', type: 'boolean', description: 'Disable the OAuth password (ROPC) grant', newInstanceValue: undefined, fallback: 'false' },
];

export const HIGH_SECURITY_BY_FRIENDLY_NAME: ReadonlyMap<string, HighSecuritySetting> = new Map(
  HIGH_SECURITY_SETTINGS.map((s) => [s.friendlyName, s]),
);
export const HIGH_SECURITY_BY_PROPERTY: ReadonlyMap<string, HighSecuritySetting> = new Map(
  HIGH_SECURITY_SETTINGS.map((s) => [s.property, s]),
);
