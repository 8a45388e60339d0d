import { booleanOf, keyOf } from '../kinds/row-fields.js';
import type { Row } from '../kinds/table-reader.js';

/**
 * What runs as, or logs in as, accounts of an instance (scheduled jobs, flows, auth profiles, OAuth clients). Plain data
 * built from Table API rows; natural keys only (user_names lower-cased, as everywhere in snac).
 */

/** An active scheduled job (sysauto or a subtype such as sysauto_script) with a run-as user. */
export interface ScheduledJob {
  readonly name: string;
  /** sys_class_name: sysauto_script, sysauto_report, ... */
  readonly table: string;
  /** user_name of the run-as user; '' when the reference points at no user (deleted). */
  readonly runAs: string;
}

/**
 * An active flow. Flows have no run-as user: they run as the system user or as whoever
 * initiates them, with the initiator's roles unless the flow has roles of its own.
 */
export interface Flow {
  readonly name: string;
  readonly status: string;
  /** 'user' (the user who initiates the session) or 'system'. */
  readonly runAs: string;
  /** Role names the flow runs with instead of the initiator's. */
  readonly runWithRoles: readonly string[];
}

/** An outbound Basic auth profile; when its username is an account of this instance, it logs in as it. */
export interface AuthProfile {
  readonly name: string;
  /** The username as a natural key. */
  readonly username: string;
}

/** An active inbound OAuth client bound to a user: its tokens act as that user. */
export interface OAuthClientUse {
  readonly name: string;
  /** user_name of the OAuth Application User, as a natural key. */
  readonly account: string;
}

/** The state of a user something runs as. */
export interface RunAsUser {
  readonly key: string;
  readonly active: boolean;
  readonly lockedOut: boolean;
  readonly nonInteractive: boolean;
  /** human / machine / ai on newer releases, '' before. */
  readonly identityType: string;
}

export interface Dependents {
  readonly jobs: readonly ScheduledJob[];
  readonly flows: readonly Flow[];
  readonly authProfiles: readonly AuthProfile[];
  readonly oauthClients: readonly OAuthClientUse[];
  /** The users jobs run as, auth profiles log in as and OAuth clients act as, as far as they exist. */
  readonly users: readonly RunAsUser[];
}

export const NO_DEPENDENTS: Dependents = { jobs: [], flows: [], authProfiles: [], oauthClients: [], users: [] };

export const JOB_FIELDS = ['name', 'sys_class_name', 'run_as', 'run_as.user_name'] as const;
export const FLOW_FIELDS = ['name', 'status', 'run_as', 'run_with_roles'] as const;
export const AUTH_PROFILE_FIELDS = ['name', 'username'] as const;
export const RUN_AS_USER_FIELDS = ['user_name', 'active', 'locked_out', 'web_service_access_only', 'identity_type'] as const;

export function jobOf(row: Row): ScheduledJob {
  return { name: row['name'] ?? '', table: row['sys_class_name'] ?? '', runAs: keyOf(row['run_as.user_name']) };
}

/** `roleNames` resolves the sys_ids of run_with_roles (a comma list); unknown ids are kept as they are. */
export function flowOf(row: Row, roleNames: ReadonlyMap<string, string>): Flow {
  const ids = (row['run_with_roles'] ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
  return {
    name: row['name'] ?? '',
    status: row['status'] ?? '',
    runAs: keyOf(row['run_as']),
    runWithRoles: ids.map((id) => roleNames.get(id) ?? id),
  };
}

export function authProfileOf(row: Row): AuthProfile {
  return { name: row['name'] ?? '', username: keyOf(row['username']) };
}

export function runAsUserOf(row: Row): RunAsUser {
  return {
    key: keyOf(row['user_name']),
    active: booleanOf(row['active']),
    lockedOut: booleanOf(row['locked_out']),
    nonInteractive: booleanOf(row['web_service_access_only']),
    identityType: keyOf(row['identity_type']),
  };
}

interface Index {
  readonly jobs: Map<string, ScheduledJob[]>;
  readonly profiles: Map<string, AuthProfile[]>;
  readonly clients: Map<string, OAuthClientUse[]>;
}

const indexes = new WeakMap<Dependents, Index>();

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list === undefined) map.set(key(item), [item]);
    else list.push(item);
  }
  return map;
}

/** Built once per Dependents object: a plan asks for every change it makes. */
function indexOf(dependents: Dependents): Index {
  let index = indexes.get(dependents);
  if (index === undefined) {
    index = { jobs: group(dependents.jobs, (j) => j.runAs), profiles: group(dependents.authProfiles, (p) => p.username), clients: group(dependents.oauthClients, (c) => c.account) };
    indexes.set(dependents, index);
  }
  return index;
}

/** Active scheduled jobs running as an account, by name. */
export function jobsRunningAs(dependents: Dependents, account: string): readonly ScheduledJob[] {
  return indexOf(dependents).jobs.get(account) ?? [];
}

/** Basic auth profiles that log in as an account. */
export function profilesLoggingInAs(dependents: Dependents, account: string): readonly AuthProfile[] {
  return indexOf(dependents).profiles.get(account) ?? [];
}

/** Everything set up to run as an account, by name: "job …", "auth profile …", "OAuth client …". */
export function runningAs(dependents: Dependents, account: string): string[] {
  return [
    ...jobsRunningAs(dependents, account).map((j) => `job ${j.name}`),
    ...profilesLoggingInAs(dependents, account).map((p) => `auth profile ${p.name}`),
    ...clientsActingAs(dependents, account).map((c) => `OAuth client ${c.name}`),
  ];
}

/** Active OAuth clients whose tokens act as an account. */
export function clientsActingAs(dependents: Dependents, account: string): readonly OAuthClientUse[] {
  return indexOf(dependents).clients.get(account) ?? [];
}
