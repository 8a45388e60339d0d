import { seedPeople } from './people.js';
import type { SeedWriter } from './writer.js';

/** Every demo service account's password (emulator only). */
export const DEMO_SERVICE_PASSWORD = 'demo';

interface Account {
  readonly user_name: string;
  readonly first_name: string;
  readonly owner?: string;
  readonly groups?: readonly string[];
  readonly roles?: readonly string[];
  readonly interactive?: boolean;
  readonly state?: { active?: boolean; locked_out?: boolean; failed_attempts?: number; password_needs_reset?: boolean };
  readonly internal_integration_user?: boolean;
  /** The owning team's mailbox; default `<user_name>@acme.example`. */
  readonly email?: string;
}

/**
 * Service accounts in every state the seeds describe. Comments name the failure each one shows,
 * and `snac audit` / `snac plan` against the demo are expected to find each of them.
 */
const ACCOUNTS: readonly Account[] = [
  // Healthy: non-interactive, owned, roles through the seed-001 group.
  { user_name: 'svc_monitoring_reader', first_name: 'Monitoring', owner: 'grace.kim', groups: ['Monitoring Readers'] },
  { user_name: 'svc_event_ingest', first_name: 'Event Ingest', owner: 'elena.okafor', groups: ['ServiceNow Service Accounts'] },
  { user_name: 'svc_catalog_api', first_name: 'Catalog API', owner: 'bob.smith', groups: ['ServiceNow Service Accounts'] },
  // Seed 002: Okta provisioning without user_admin: "403 ACL Exception Insert Failed".
  { user_name: 'svc_okta_provisioning', first_name: 'Okta Provisioning', owner: 'alice.nguyen', groups: ['ServiceNow Service Accounts'] },
  // MID Server user: internal integration user with mid_server through its group.
  { user_name: 'svc_mid_server_01', first_name: 'MID Server 01', owner: 'carmen.garcia', groups: ['MID Servers'], internal_integration_user: true },
  // Seed 001: owner left the company (inactive manager); a scheduled job runs as it.
  { user_name: 'svc_cmdb_import', first_name: 'CMDB Import', owner: 'dave.miller', groups: ['CMDB Importers'] },
  // Seed 003: interactive (web_service_access_only=false) integration account.
  { user_name: 'svc_jira_sync', first_name: 'Jira Sync', owner: 'bob.smith', groups: ['ServiceNow Service Accounts'], interactive: true },
  // Seed 000: locked out after failed logins; its scheduled job fails silently.
  { user_name: 'svc_backup_export', first_name: 'Backup Export', owner: 'elena.okafor', roles: ['itil'], state: { locked_out: true, failed_attempts: 5 } },
  // Seed 000: deactivated, but an active scheduled job still runs as it.
  { user_name: 'svc_legacy_soap', first_name: 'Legacy SOAP', owner: 'carmen.garcia', roles: ['soap'], state: { active: false } },
  // Over-privileged: admin granted directly.
  { user_name: 'svc_reporting', first_name: 'Reporting', owner: 'grace.kim', roles: ['admin'] },
  // No owner at all, and a password that must be reset.
  { user_name: 'svc_hr_feed', first_name: 'HR Feed', groups: ['ServiceNow Service Accounts'], state: { password_needs_reset: true } },
  // Close to lock-out: many failed attempts.
  { user_name: 'svc_sso_scim', first_name: 'SSO SCIM', owner: 'alice.nguyen', roles: ['user_admin'], state: { failed_attempts: 4 } },
  // Owner left; direct role grants instead of groups.
  { user_name: 'svc_teams_bot', first_name: 'Teams Bot', owner: 'farid.haddad', roles: ['itil', 'rest_api_explorer'] },
  // Healthy vendor account (declared with an expiry date in accounts/).
  { user_name: 'svc_vendor_acme_msp', first_name: 'Acme MSP', owner: 'bob.smith', groups: ['ServiceNow Service Accounts'] },
  // Owner left, and the account kept security_admin from a one-off hardening project.
  { user_name: 'svc_hardening_bot', first_name: 'Hardening Bot', owner: 'dave.miller', roles: ['security_admin'] },
  // Interactive and admin through the administrators' group: the worst of seed 003.
  { user_name: 'svc_powershell_admin', first_name: 'PowerShell Admin', owner: 'carmen.garcia', groups: ['IT Administrators'], interactive: true },
  // Locked out, owner left: nobody will notice.
  { user_name: 'svc_asset_sync', first_name: 'Asset Sync', owner: 'farid.haddad', groups: ['CMDB Importers'], state: { locked_out: true, failed_attempts: 7 } },
  // Inactive and unowned; still a member of a role-granting group.
  { user_name: 'svc_old_chatops', first_name: 'Old ChatOps', groups: ['ServiceNow Service Accounts'], state: { active: false } },
  // A second MID Server user holding the roles it needs directly.
  { user_name: 'svc_mid_server_02', first_name: 'MID Server 02', owner: 'carmen.garcia', roles: ['mid_server'], internal_integration_user: true },
  ...healthy([
    ['svc_splunk_reader', 'Splunk Reader', 'grace.kim', 'Monitoring Readers'],
    ['svc_datadog_events', 'Datadog Events', 'grace.kim', 'Monitoring Readers'],
    ['svc_pagerduty', 'PagerDuty', 'elena.okafor', 'ServiceNow Service Accounts'],
    ['svc_github_changes', 'GitHub Changes', 'bob.smith', 'ServiceNow Service Accounts'],
    ['svc_terraform', 'Terraform', 'carmen.garcia', 'ServiceNow Service Accounts'],
    ['svc_azure_discovery', 'Azure Discovery', 'carmen.garcia', 'CMDB Importers'],
    ['svc_aws_discovery', 'AWS Discovery', 'carmen.garcia', 'CMDB Importers'],
    ['svc_sccm_import', 'SCCM Import', 'elena.okafor', 'CMDB Importers'],
    ['svc_workday_feed', 'Workday Feed', 'alice.nguyen', 'ServiceNow Service Accounts'],
    ['svc_slack_bot', 'Slack Bot', 'bob.smith', 'ServiceNow Service Accounts'],
    ['svc_tableau_reader', 'Tableau Reader', 'grace.kim', 'Monitoring Readers'],
    ['svc_email_ingest', 'Email Ingest', 'elena.okafor', 'ServiceNow Service Accounts'],
  ]),
];

/** Healthy accounts: non-interactive, owned by an active manager, roles through one group. */
function healthy(rows: readonly (readonly [string, string, string, string])[]): Account[] {
  return rows.map(([user_name, first_name, owner, group]) => ({ user_name, first_name, owner, groups: [group] }));
}

/** Accounts whose owning team has a shared mailbox (as accounts/ declares them). */
const TEAM_MAILBOXES: Readonly<Record<string, string>> = {
  svc_monitoring_reader: 'observability@acme.example',
  svc_splunk_reader: 'observability@acme.example',
  svc_azure_discovery: 'cloud-team@acme.example',
  svc_backup_export: 'sre@acme.example',
  svc_catalog_api: 'employee-experience@acme.example',
  svc_cmdb_import: 'platform-team@acme.example',
  svc_event_ingest: 'sre@acme.example',
  svc_jira_sync: 'dev-tools@acme.example',
  svc_mid_server_01: 'platform-team@acme.example',
  svc_okta_provisioning: 'identity-team@acme.example',
  svc_pagerduty: 'sre@acme.example',
  svc_terraform: 'platform-team@acme.example',
  svc_vendor_acme_msp: 'servicedesk-vendor@acme.example',
  svc_workday_feed: 'hr-systems@acme.example',
};

/**
 * The demo company: ~300 people, groups granting roles, a custom role, and the service accounts
 * above; scheduled jobs and flows that depend on them (some with an inactive or locked run-as
 * user, one running as a person), Basic auth profiles that log in as them, and an OAuth client.
 */
export function seedDemo(seed: SeedWriter): void {
  seedPeople(seed);
  seed.role('u_cmdb_import', { description: 'Imports CMDB data from discovery sources', contains: ['import_transformer'] });

  seed.group({ name: 'ServiceNow Service Accounts', description: 'Roles every integration account needs (the ITIL fulfiller and the REST API Explorer).', manager: 'alice.nguyen', roles: ['itil', 'rest_api_explorer'] });
  seed.group({ name: 'Monitoring Readers', description: 'Read-only monitoring integrations.', manager: 'grace.kim', roles: ['report_user', 'snc_platform_rest_api_access'] });
  seed.group({ name: 'MID Servers', description: 'MID Server users.', manager: 'carmen.garcia', roles: ['mid_server'] });
  seed.group({ name: 'CMDB Importers', description: 'CMDB import integrations.', manager: 'carmen.garcia', roles: ['u_cmdb_import', 'itil'] });
  seed.group({ name: 'Service Desk', description: 'First-line support', manager: 'bob.smith', roles: ['itil'] });
  seed.group({ name: 'IT Administrators', description: 'Platform administrators', manager: 'alice.nguyen', roles: ['admin'] });

  for (const userName of ['carmen.garcia', 'grace.kim']) seed.member(userName, 'IT Administrators');
  for (const userName of ['bob.smith', 'kara.smith', 'liam.smith', 'maya.garcia', 'noor.kim']) seed.member(userName, 'Service Desk');

  for (const account of ACCOUNTS) {
    seed.user({
      user_name: account.user_name,
      first_name: account.first_name,
      last_name: 'Service Account',
      email: account.email ?? TEAM_MAILBOXES[account.user_name] ?? `${account.user_name}@acme.example`,
      password: DEMO_SERVICE_PASSWORD,
      web_service_access_only: !account.interactive,
      // An interactive account predates identity types (choosing Machine would tick the flag).
      ...(account.interactive ? {} : { identity_type: 'machine' as const }),
      ...(account.owner ? { manager: account.owner } : {}),
      ...(account.internal_integration_user ? { internal_integration_user: true } : {}),
      ...account.state,
      roles: account.roles ?? [],
      groups: account.groups ?? [],
    });
  }

  seed.scheduledJob('CMDB nightly import', { runAs: 'svc_cmdb_import', runType: 'daily' });
  seed.scheduledJob('CMDB stale CI cleanup', { runAs: 'svc_cmdb_import', runType: 'weekly' });
  seed.scheduledJob('Backup export to object storage', { runAs: 'svc_backup_export', runType: 'daily' });
  seed.scheduledJob('Legacy SOAP reconciliation', { runAs: 'svc_legacy_soap', runType: 'periodically' });
  seed.scheduledJob('Legacy SOAP archive (retired)', { runAs: 'svc_legacy_soap', active: false });
  seed.scheduledJob('Nightly HR sync', { runAs: 'dave.miller', runType: 'daily' });
  seed.scheduledJob('Weekly license report', { runAs: 'priya.patel', runType: 'weekly' });
  seed.scheduledJob('Clean up old attachments', { runType: 'daily' });
  seed.scheduledJob('Asset sync from Intune', { runAs: 'svc_asset_sync', runType: 'daily' });

  seed.flow('Okta user provisioning', { runAs: 'user' });
  seed.flow('Incident auto-assignment', { runAs: 'system' });
  seed.flow('CMDB import follow-up', { runAs: 'system', runWithRoles: ['itil', 'u_cmdb_import'] });
  seed.flow('Old onboarding flow', { runAs: 'user', active: false, status: 'draft' });

  seed.authProfile('CMDB loopback import', 'svc_cmdb_import', DEMO_SERVICE_PASSWORD);
  seed.authProfile('Backup export loopback', 'svc_backup_export', DEMO_SERVICE_PASSWORD);
  seed.authProfile('Jira outbound', 'jira-integration@acme.example', 'not-a-servicenow-account');
  seed.authProfile('Teams notifications loopback', 'svc_teams_bot', DEMO_SERVICE_PASSWORD);

  seed.oauthClient({ name: 'snac reconciler', clientId: 'snac-demo-client', clientSecret: 'snac-demo-secret', applicationUser: 'svc_snac' });
}
