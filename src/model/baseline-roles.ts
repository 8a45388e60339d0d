/**
 * Roles that ship with every ServiceNow instance and matter to service accounts. snac references
 * these and never owns them (a Role declaration may not redefine one). The emulator's `empty` seed
 * creates exactly these, with these containment relations.
 *
 * Sources: ServiceNow's documentation of the base system roles (itil contains snc_platform_rest_api_access; soap
 * contains the soap_* roles; mid_server brings the SOAP roles; security_admin is elevated and is
 * not contained in admin). Containment not documented there is left out rather than invented.
 */
export interface BaselineRole {
  readonly name: string;
  readonly description: string;
  readonly contains: readonly string[];
  readonly elevatedPrivilege: boolean;
}

const soapFamily = ['soap_query', 'soap_create', 'soap_update', 'soap_delete', 'soap_script', 'soap_ecc'];

export const BASELINE_ROLES: readonly BaselineRole[] = [
  { name: 'admin', description: 'System administrator: passes every role check except elevated roles', contains: [], elevatedPrivilege: false },
  { name: 'security_admin', description: 'Elevated role for security settings and ACLs', contains: [], elevatedPrivilege: true },
  { name: 'user_admin', description: 'Manages users, groups and role assignments', contains: [], elevatedPrivilege: false },
  { name: 'itil', description: 'Fulfiller: works on tasks', contains: ['snc_platform_rest_api_access', 'approver_user'], elevatedPrivilege: false },
  { name: 'itil_admin', description: 'Administers ITIL applications', contains: ['itil'], elevatedPrivilege: false },
  { name: 'approver_user', description: 'Approves requests', contains: [], elevatedPrivilege: false },
  { name: 'soap', description: 'Full SOAP web service access (strict security)', contains: soapFamily, elevatedPrivilege: false },
  ...soapFamily.map((name) => ({ name, description: `SOAP ${name.slice(5)} access`, contains: [], elevatedPrivilege: false })),
  { name: 'rest_api_explorer', description: 'Uses the REST API Explorer', contains: [], elevatedPrivilege: false },
  { name: 'web_service_admin', description: 'Administers web services', contains: [], elevatedPrivilege: false },
  { name: 'snc_platform_rest_api_access', description: 'Passes the REST endpoint ACLs when they are active', contains: [], elevatedPrivilege: false },
  { name: 'snc_internal', description: 'Internal user (Explicit Roles plugin), granted at first login', contains: [], elevatedPrivilege: false },
  { name: 'snc_external', description: 'External user (Explicit Roles plugin)', contains: [], elevatedPrivilege: false },
  { name: 'mid_server', description: 'MID Server user', contains: ['soap'], elevatedPrivilege: false },
  { name: 'import_admin', description: 'Administers import sets and transform maps', contains: ['import_transformer'], elevatedPrivilege: false },
  { name: 'import_transformer', description: 'Runs import transforms', contains: [], elevatedPrivilege: false },
  { name: 'oauth_admin', description: 'Administers OAuth applications', contains: [], elevatedPrivilege: false },
  { name: 'report_user', description: 'Creates reports', contains: [], elevatedPrivilege: false },
];

export const BASELINE_ROLE_NAMES: ReadonlySet<string> = new Set(BASELINE_ROLES.map((r) => r.name));

/** Roles whose grant is privileged whatever the config says. */
export const PRIVILEGED_BASELINE_ROLES: ReadonlySet<string> = new Set(['admin', 'security_admin']);
