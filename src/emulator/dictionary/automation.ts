import { boolean, choice, dateTime, integer, reference, string, type TableDef } from './types.js';

const runTypes = {
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  periodically: 'Periodically',
  once: 'Once',
  on_demand: 'On Demand',
  business_calendar_start: 'Business Calendar: Entry Start',
  business_calendar_end: 'Business Calendar: Entry End',
};

/** Application-file fields every scoped record carries (sys_metadata). */
const applicationFile = [
  reference('sys_scope', 'sys_scope', { default: 'global' }),
  string('sys_package', { default: 'global' }),
  string('sys_policy'),
  string('sys_name', { readOnly: true }),
  string('sys_update_name', { readOnly: true }),
];

/**
 * Scheduled jobs: sysauto and its subtypes (here sysauto_script), each with an optional run_as.
 * Fields as the form in t_ScheduleAScriptExecution.md shows them (name, active, application,
 * conditional/condition, run, day, repeat interval, time zone, time, starting, business calendar,
 * offset) plus the stored columns exported records carry (run_month, priority, next_action).
 */
export const sysauto: TableDef = {
  name: 'sysauto',
  label: 'Schedule Item',
  displayField: 'name',
  audited: false,
  fields: [
    string('name', { mandatory: true }),
    boolean('active', 'true'),
    choice('run_type', runTypes, 'daily'),
    string('run_dayofweek'),
    integer('run_dayofmonth'),
    integer('run_month'),
    dateTime('run_time'),
    dateTime('run_start'),
    string('run_period'),
    reference('run_as', 'sys_user'),
    string('run_as_tz'),
    string('time_zone'),
    boolean('conditional'),
    string('condition'),
    reference('business_calendar', 'business_calendar'),
    string('max_drift'),
    string('offset'),
    string('offset_type'),
    boolean('upgrade_safe'),
    integer('priority', { default: '100' }),
    dateTime('next_action', { readOnly: true }),
    string('sys_class_name', { readOnly: true }),
    ...applicationFile,
  ],
};

export const sysautoScript: TableDef = {
  name: 'sysauto_script',
  label: 'Scheduled Script Execution',
  extends: 'sysauto',
  displayField: 'name',
  audited: false,
  fields: [string('script')],
};

/**
 * Flow Designer / Workflow Studio flows: run_as is 'user' (the initiating user) or 'system'.
 * Properties as create-flow.md lists them: name, description, application, domain, protection
 * (sys_policy), run as, run with roles; the priority column name is not documented and left out.
 */
export const sysHubFlow: TableDef = {
  name: 'sys_hub_flow',
  label: 'Flow',
  displayField: 'name',
  audited: false,
  fields: [
    string('name', { mandatory: true }),
    string('internal_name'),
    string('description'),
    boolean('active', 'true'),
    choice('status', { draft: 'Draft', published: 'Published' }, 'draft'),
    choice('type', { flow: 'Flow', subflow: 'Subflow', action: 'Action' }, 'flow'),
    choice('run_as', { user: 'User who initiates session', system: 'System User' }, 'user'),
    { name: 'run_with_roles', type: 'glide_list', reference: 'sys_user_role' },
    choice('access', { public: 'All application scopes', package_private: 'This application scope only' }, 'public'),
    string('callable_by_client_api'),
    string('latest_snapshot'),
    string('master_snapshot'),
    string('sys_domain', { default: 'global' }),
    ...applicationFile,
  ],
};

/** Outbound Basic auth profiles: credentials for remote systems, stored as strings. */
export const sysAuthProfileBasic: TableDef = {
  name: 'sys_auth_profile_basic',
  label: 'Basic Auth Configuration',
  displayField: 'name',
  audited: false,
  fields: [
    string('name', { mandatory: true }),
    string('username'),
    { name: 'password', type: 'password2', hidden: true },
    string('sys_domain', { default: 'global' }),
  ],
};
