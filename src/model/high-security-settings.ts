/**
 * The High Security Settings snac manages by friendly name, mapped to their sys_properties rows.
 * Every row names its source: a page of the ServiceNow product documentation (the
 * ServiceNow/ServiceNowDocs repository, under markdown/platform-security/). `hss` is the High
 * Security Settings page (exploring-high-security-settings.md), `sc/<page>` a page of the
 * instance security hardening settings (instance-security-hardening-settings/<page>.md).
 *
 * - `newInstanceValue`: what a new instance holds; `undefined` when the page gives the default
 *   as "<none>" (no row: the platform uses `fallback`).
 * - `fallback`: the documented fallback value, used when the row is absent.
 * - `irreversible`: for the properties documented as "safe harbor" (or default deny), the value
 *   that can never be changed back once set.
 * - `note`: where the documentation disagrees with itself, what each page says.
 * Descriptions are the documentation's, shortened.
 */
export interface HighSecuritySetting {
  readonly friendlyName: string;
  readonly property: string;
  readonly type: 'boolean' | 'string' | 'integer';
  readonly description: string;
  readonly newInstanceValue: string | undefined;
  readonly fallback: string;
  readonly irreversible?: string;
  readonly source: string;
  readonly note?: string;
}

interface RequireAuth {
  readonly protocol: string;
  readonly label: string;
  readonly page: string;
  /** The High Security Settings page lists it with "Yes" (true on a new instance). */
  readonly onHssPage: boolean;
  readonly safeHarbor: boolean;
}

/**
 * A glide.basicauth.required.* switch. The hardening pages give "Default value: <none>, fallback
 * false" for most; the High Security Settings page shows "Yes" for those it lists, which is
 * what a new instance holds.
 */
function requireAuth(spec: RequireAuth): HighSecuritySetting {
  return {
    friendlyName: `require_auth_${spec.protocol}`,
    property: `glide.basicauth.required.${spec.protocol}`,
    type: 'boolean',
    description: `Require basic authorization for incoming ${spec.label} requests`,
    newInstanceValue: spec.onHssPage ? 'true' : undefined,
    fallback: 'false',
    ...(spec.safeHarbor ? { irreversible: 'true' } : {}),
    source: spec.onHssPage ? `hss; sc/${spec.page}` : `sc/${spec.page}`,
  };
}

export const HIGH_SECURITY_SETTINGS: readonly HighSecuritySetting[] = [
  {
    ...requireAuth({ protocol: 'soap', label: 'SOAP', page: 'sc-soap-request-authorization', onHssPage: true, safeHarbor: true }),
    note: 'the hardening page gives the default as false; the High Security Settings page shows Yes',
  },
  requireAuth({ protocol: 'wsdl', label: 'WSDL', page: 'sc-wsdl-request-authorization', onHssPage: true, safeHarbor: true }),
  requireAuth({ protocol: 'xsd', label: 'XSD', page: 'sc-xsd-request-authorization', onHssPage: true, safeHarbor: true }),
  {
    ...requireAuth({ protocol: 'schema', label: 'table schema', page: 'sc-schema-request-authorization', onHssPage: true, safeHarbor: true }),
    description: 'Require basic authentication for inbound table schema requests',
  },
  requireAuth({ protocol: 'xml', label: 'XML', page: 'sc-xml-request-authorization', onHssPage: true, safeHarbor: true }),
  requireAuth({ protocol: 'csv', label: 'CSV', page: 'sc-require-authorization-for-csv-requests', onHssPage: true, safeHarbor: true }),
  requireAuth({ protocol: 'excel', label: 'Excel', page: 'sc-excel-request-authorization', onHssPage: true, safeHarbor: true }),
  requireAuth({ protocol: 'pdf', label: 'PDF', page: 'sc-require-authorization-for-pdf-requests', onHssPage: true, safeHarbor: true }),
  requireAuth({ protocol: 'rss', label: 'RSS', page: 'sc-rss-request-authorization', onHssPage: true, safeHarbor: true }),
  requireAuth({ protocol: 'unl', label: 'unload', page: 'sc-require-authorization-for-unload-requests', onHssPage: true, safeHarbor: false }),
  requireAuth({ protocol: 'importprocessor', label: 'import', page: 'sc-import-request-authorization', onHssPage: true, safeHarbor: true }),
  requireAuth({ protocol: 'scriptedprocessor', label: 'script', page: 'sc-script-request-authorization', onHssPage: true, safeHarbor: true }),
  requireAuth({ protocol: 'jsonv2', label: 'JSONv2', page: 'sc-jsonv2-request-authorization', onHssPage: false, safeHarbor: true }),
  requireAuth({ protocol: 'xmloutputprocessor', label: 'XML output', page: 'sc-xml-output-authorization', onHssPage: false, safeHarbor: true }),
  requireAuth({ protocol: 'api', label: 'REST API', page: 'sc-api-request-authorization', onHssPage: false, safeHarbor: true }),
  {
    ...requireAuth({ protocol: 'databrokerrestapiprocessor', label: 'data broker REST API', page: 'sc-data-broker-rest-api-authorization', onHssPage: false, safeHarbor: true }),
    newInstanceValue: 'true',
  },
  {
    friendlyName: 'default_deny',
    property: 'glide.sm.default_mode',
    type: 'string',
    description: 'Security manager default when only wildcard table ACLs match: deny or allow',
    newInstanceValue: 'deny',
    fallback: 'allow',
    irreversible: 'deny',
    source: 'sc/sc-security-manager-default-deny',
    note: 'the page gives the recommended value (deny) and the safe-harbor warning, not a default; deny on new instances and allow as fallback are not documented there',
  },
  {
    friendlyName: 'csrf_token',
    property: 'glide.security.use_csrf_token',
    type: 'boolean',
    description: 'Use a secure token to identify and validate incoming requests (anti-CSRF)',
    newInstanceValue: 'true',
    fallback: 'true',
    source: 'hss; sc/sc-anti-csrf-token',
    note: 'no fallback is documented; true is assumed',
  },
  {
    friendlyName: 'csrf_strict_validation',
    property: 'glide.security.csrf.strict.validation.mode',
    type: 'boolean',
    description: 'Strict validation of CSRF tokens: a request whose token does not match cannot be resubmitted',
    newInstanceValue: 'true',
    fallback: 'false',
    source: 'hss; sc/sc-prevent-users-from-accepting-warning-to-bypass-csrf-validation',
    note: 'the hardening page gives default true, fallback false; the High Security Settings page lists false',
  },
  {
    friendlyName: 'soap_strict_security',
    property: 'glide.soap.strict_security',
    type: 'boolean',
    description: 'Incoming SOAP requests go through the security manager and need SOAP roles',
    newInstanceValue: 'true',
    fallback: 'true',
    source: 'hss; sc/sc-soap-request-strict-security',
  },
  {
    friendlyName: 'strict_elevate_privilege',
    property: 'glide.security.strict_elevate_privilege',
    type: 'boolean',
    description: 'Roles marked as privileged must be elevated manually in each new session',
    newInstanceValue: undefined,
    fallback: 'true',
    source: 'sc/sc-enforce-strict-elevate-privilege',
  },
  {
    friendlyName: 'secure_cookies',
    property: 'glide.ui.secure_cookies',
    type: 'boolean',
    description: 'Secure session cookies: strict session cookie validation',
    newInstanceValue: 'true',
    fallback: 'true',
    irreversible: 'true',
    source: 'hss; sc/sc-secure-session-cookies',
  },
  {
    friendlyName: 'rotate_sessions',
    property: 'glide.ui.rotate_sessions',
    type: 'boolean',
    description: 'Rotate HTTP session identifiers',
    newInstanceValue: 'true',
    fallback: 'true',
    source: 'hss; sc/sc-rotate-http-session-identifiers',
  },
  {
    friendlyName: 'escape_script',
    property: 'glide.html.escape_script',
    type: 'boolean',
    description: 'Escape JavaScript tags in HTML fields',
    newInstanceValue: 'true',
    fallback: 'true',
    irreversible: 'true',
    source: 'hss; sc/sc-escape-javascript',
    note: 'no fallback is documented; true is assumed',
  },
  {
    friendlyName: 'client_credentials_grant',
    property: 'glide.oauth.inbound.client.credential.grant_type.enabled',
    type: 'boolean',
    description: 'Allow the OAuth client credentials grant for inbound integrations (the property must be created)',
    newInstanceValue: undefined,
    fallback: 'false',
    source: 'authentication/create-cc-sys-prop',
  },
  {
    friendlyName: 'ropc_grant_disabled',
    property: 'glide.oauth.inbound.ropc.grant_type.disabled',
    type: 'boolean',
    description: 'Disable the resource owner password credentials (ROPC) grant for OAuth tokens',
    newInstanceValue: 'false',
    fallback: 'false',
    source: 'sc/sc-disable-resource-owner-password-credentials-ropc-in-oauth-2-token-grants',
  },
];

export const HIGH_SECURITY_BY_FRIENDLY_NAME: ReadonlyMap<string, HighSecuritySetting> = new Map(
  HIGH_SECURITY_SETTINGS.map((s) => [s.friendlyName, s]),
);
export const HIGH_SECURITY_BY_PROPERTY: ReadonlyMap<string, HighSecuritySetting> = new Map(
  HIGH_SECURITY_SETTINGS.map((s) => [s.property, s]),
);
