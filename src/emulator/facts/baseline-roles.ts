/**
 * The emulator's own copy of the roles a new instance ships that matter to service accounts,
 * with their containment. It is deliberately not shared with snac's code: if snac holds a wrong
 * fact, the emulator must not confirm it.
 *
 * Sources (ServiceNow product documentation): r_BaseSystemRoles.md (itil contains
 * snc_platform_rest_api_access), c_NonInteractiveSessions.md (soap contains the soap_* roles),
 * t_SetupMIDServerRole.md (mid_server brings the SOAP roles), c_ElevatedPrivilege.md and
 * security-admin-role.md (security_admin is the one elevated role and is not contained in admin),
 * explicit-roles.md (snc_internal, snc_external). Containment not documented is left out.
 */
export interface PlatformRole {
  readonly name: string;
  readonly description: string;
  readonly contains?: readonly string[];
  readonly elevated?: boolean;
}

const soapRoles = ['soap_query', 'soap_create', 'soap_update', 'soap_delete', 'soap_script', 'soap_ecc'];

export const PLATFORM_ROLES: readonly PlatformRole[] = [
  { name: 'admin', description: 'System administrator: passes every role check except elevated roles' },
  { name: 'security_admin', description: 'Elevated role for ACLs and High Security Settings', elevated: true },
  { name: 'user_admin', description: 'Manages users, groups and role assignments' },
  { name: 'itil', description: 'Fulfiller', contains: ['snc_platform_rest_api_access', 'approver_user'] },
  { name: 'itil_admin', description: 'Administers ITIL applications', contains: ['itil'] },
  { name: 'approver_user', description: 'Approver' },
  { name: 'soap', description: 'SOAP web services (strict security)', contains: soapRoles },
  ...soapRoles.map((name) => ({ name, description: `SOAP: ${name.slice('soap_'.length)}` })),
  { name: 'rest_api_explorer', description: 'REST API Explorer' },
  { name: 'web_service_admin', description: 'Web services administrator' },
  { name: 'snc_platform_rest_api_access', description: 'Passes the REST endpoint ACLs when they are active' },
  { name: 'snc_internal', description: 'Internal user (Explicit Roles)' },
  { name: 'snc_external', description: 'External user (Explicit Roles)' },
  { name: 'mid_server', description: 'MID Server', contains: ['soap'] },
  { name: 'import_admin', description: 'Import sets and transform maps', contains: ['import_transformer'] },
  { name: 'import_transformer', description: 'Runs import transforms' },
  { name: 'oauth_admin', description: 'OAuth application registry' },
  { name: 'report_user', description: 'Creates reports' },
];
