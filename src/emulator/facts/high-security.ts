/**
 * The emulator's own copy of the High Security Settings rows a newly provisioned instance holds,
 * and the safe-harbor values that can never be changed back. Kept apart from snac's catalogue on
 * purpose, so a wrong fact in snac is not confirmed by the emulator.
 *
 * Sources (ServiceNow product documentation): exploring-high-security-settings.md (the rows,
 * read_roles=admin and write_roles=security_admin once High Security is active) and the
 * instance-security-hardening-settings/sc-*.md pages (defaults; the safe-harbor note on
 * glide.basicauth.required.api; default deny cannot go back to allow). A property absent here has
 * no row on a new instance: the platform falls back to its coded default.
 */
export interface PlatformProperty {
  readonly name: string;
  readonly value: string;
  readonly type: 'boolean' | 'string' | 'integer';
}

const requireAuth = (protocol: string): PlatformProperty => ({ name: `glide.basicauth.required.${protocol}`, value: 'true', type: 'boolean' });

export const NEW_INSTANCE_PROPERTIES: readonly PlatformProperty[] = [
  ...['soap', 'wsdl', 'xsd', 'schema', 'xml', 'csv', 'excel', 'pdf', 'rss', 'unl', 'importprocessor', 'scriptedprocessor', 'databrokerrestapiprocessor'].map(requireAuth),
  { name: 'glide.sm.default_mode', value: 'deny', type: 'string' },
  { name: 'glide.security.use_csrf_token', value: 'true', type: 'boolean' },
  { name: 'glide.security.csrf.strict.validation.mode', value: 'false', type: 'boolean' },
  { name: 'glide.soap.strict_security', value: 'true', type: 'boolean' },
  { name: 'glide.security.strict_elevate_privilege', value: 'true', type: 'boolean' },
  { name: 'glide.ui.secure_cookies', value: 'true', type: 'boolean' },
  { name: 'glide.ui.rotate_sessions', value: 'true', type: 'boolean' },
  { name: 'glide.html.escape_script', value: 'true', type: 'boolean' },
];

/**
 * Property -> the value that cannot be changed back once set: the pages documented as "safe
 * harbor" (sc-*-request-authorization and friends, sc-secure-session-cookies, sc-escape-javascript)
 * and default deny (sc-security-manager-default-deny).
 */
export const SAFE_HARBOR: ReadonlyMap<string, string> = new Map([
  ...['soap', 'wsdl', 'xsd', 'schema', 'xml', 'csv', 'excel', 'pdf', 'rss', 'importprocessor', 'scriptedprocessor', 'jsonv2', 'xmloutputprocessor', 'api', 'databrokerrestapiprocessor'].map(
    (protocol): [string, string] => [`glide.basicauth.required.${protocol}`, 'true'],
  ),
  ['glide.ui.secure_cookies', 'true'],
  ['glide.html.escape_script', 'true'],
  ['glide.sm.default_mode', 'deny'],
]);
