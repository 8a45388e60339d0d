import type { DesiredState } from '../model/desired.js';
import { HIGH_SECURITY_SETTINGS } from '../model/high-security-settings.js';
import type { LiveInheritedRole, LiveLink, LiveState } from '../model/live.js';
import { accountScope, isInScope, type AccountScope } from '../model/scope.js';
import { GROUP_READ_FIELDS, GROUP_ROLE_READ_FIELDS, GROUP_ROLE_TABLE, GROUP_TABLE, liveGroup, liveGroupRole } from './group.js';
import { liveUserRole, USER_ROLE_READ_FIELDS, USER_ROLE_TABLE } from './direct-role.js';
import { liveMembership, MEMBERSHIP_READ_FIELDS, MEMBERSHIP_TABLE } from './membership.js';
import { escapeValue, inQueries, prefixQuery } from './query.js';
import { readRows } from './read-rows.js';
import { liveRole, liveRoleContains, ROLE_CONTAINS_READ_FIELDS, ROLE_CONTAINS_TABLE, ROLE_READ_FIELDS, ROLE_TABLE } from './role.js';
import { keyOf } from './row-fields.js';
import { liveProperty, PROPERTY_READ_FIELDS, PROPERTY_TABLE } from './security-settings.js';
import { livePerson, liveServiceAccount, PERSON_READ_FIELDS, SERVICE_ACCOUNT_READ_FIELDS, SERVICE_ACCOUNT_TABLE } from './service-account.js';
import type { TableReader } from './table-reader.js';

/** What to read: the account scope, and the groups and properties the declarations name. */
export interface LiveSelection {
  readonly scope: AccountScope;
  readonly groups: readonly string[];
  readonly properties: readonly string[];
  /** Owners the declarations name (user_names). */
  readonly owners: readonly string[];
}

export interface ReadOptions {
  /** Host name recorded in the live state. */
  readonly instance: string;
  readonly pageSize?: number;
  /**
   * Accept tables the caller cannot read in full (the audit, which reports it). A plan never
   * does: a partial read must not reach the planner.
   */
  readonly allowHidden?: boolean;
}

/** The selection a set of declarations needs: declared and referenced groups, every HSS property. */
export function selectionFor(desired: DesiredState): LiveSelection {
  const groups = new Set(desired.groups.map((g) => g.key));
  for (const account of desired.accounts) for (const group of account.groups ?? []) groups.add(keyOf(group.value));
  if (desired.config.scope.markerGroup !== undefined) groups.add(keyOf(desired.config.scope.markerGroup));
  const properties = new Set(HIGH_SECURITY_SETTINGS.map((s) => keyOf(s.property)));
  for (const property of desired.properties) properties.add(property.key);
  const owners = new Set<string>();
  for (const record of [...desired.accounts, ...desired.groups]) {
    const manager = record.fields.manager?.value;
    if (typeof manager === 'string' && manager !== '') owners.add(keyOf(manager));
  }
  return {
    owners: [...owners].sort(),
    scope: accountScope(desired.config.scope, desired.accounts.map((a) => a.key)),
    groups: [...groups].sort(),
    properties: [...properties].sort(),
  };
}

/**
 * Read the live state of a selection with a handful of paged bulk queries: one per table (plus
 * one per chunk of names outside the scope prefixes), never one per record. Any failure fails
 * the whole read: a partial live state never reaches the planner.
 */
export async function readLive(api: TableReader, selection: LiveSelection, options: ReadOptions): Promise<LiveState> {
  const paging = { ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }), ...(options.allowHidden ? { allowHidden: true } : {}) };
  const read = (table: string, queries: readonly string[], fields: readonly string[]) => readRows(api, table, queries, fields, paging);

  const markerMembers = selection.scope.markerGroup === undefined
    ? Promise.resolve([])
    : read(MEMBERSHIP_TABLE, [`group.name=${escapeValue(selection.scope.markerGroup)}`], MEMBERSHIP_READ_FIELDS).then((rows) => rows.map(liveMembership));
  const shared = Promise.all([
    read(ROLE_TABLE, [''], ROLE_READ_FIELDS),
    read(ROLE_CONTAINS_TABLE, [''], ROLE_CONTAINS_READ_FIELDS),
    read(GROUP_TABLE, inQueries('name', selection.groups), GROUP_READ_FIELDS),
    read(GROUP_ROLE_TABLE, [''], GROUP_ROLE_READ_FIELDS),
    read(PROPERTY_TABLE, inQueries('name', selection.properties), PROPERTY_READ_FIELDS),
    read(USER_ROLE_TABLE, ['role.name=admin^user.active=true'], ['user.user_name']),
  ]);
  // Both are awaited below; until then a failure must not surface as an unhandled rejection.
  shared.catch(() => undefined);
  markerMembers.catch(() => undefined);

  const outsidePrefixes = [...selection.scope.declared, ...(await markerMembers).map((m) => m.from)].filter(
    (userName) => !selection.scope.prefixes.some((prefix) => userName.startsWith(prefix)),
  );
  const accountQueries = (field: string) => {
    const prefix = prefixQuery(field, selection.scope.prefixes);
    return [...(prefix === undefined ? [] : [prefix]), ...inQueries(field, outsidePrefixes)];
  };
  const [accountRows, userRoleRows, membershipRows] = await Promise.all([
    read(SERVICE_ACCOUNT_TABLE, accountQueries('user_name'), SERVICE_ACCOUNT_READ_FIELDS),
    read(USER_ROLE_TABLE, accountQueries('user.user_name'), USER_ROLE_READ_FIELDS),
    read(MEMBERSHIP_TABLE, accountQueries('user.user_name'), MEMBERSHIP_READ_FIELDS),
  ]);
  const [roleRows, containsRows, groupRows, groupRoleRows, propertyRows, adminRows] = await shared;
  const owners = new Set(selection.owners);
  for (const row of accountRows) if (row['manager.user_name']) owners.add(keyOf(row['manager.user_name']));
  for (const row of groupRows) if (row['manager.user_name']) owners.add(keyOf(row['manager.user_name']));
  const peopleRows = await read(SERVICE_ACCOUNT_TABLE, inQueries('user_name', owners), PERSON_READ_FIELDS);

  const memberships = membershipRows.map(liveMembership);
  const groupsOf = groupBy(memberships);
  const accounts = accountRows.map(liveServiceAccount).filter((a) => isInScope(selection.scope, a.key, groupsOf.get(a.key) ?? []));
  const kept = new Set(accounts.map((a) => a.key));

  const directRoles: LiveLink[] = [];
  const inheritedRoles: LiveInheritedRole[] = [];
  for (const row of userRoleRows) {
    const parsed = liveUserRole(row);
    if ('direct' in parsed) {
      if (kept.has(parsed.direct.from)) directRoles.push(parsed.direct);
    } else if (kept.has(parsed.inherited.user)) {
      inheritedRoles.push(parsed.inherited);
    }
  }

  return {
    instance: options.instance,
    accounts: sortByKey(accounts),
    people: sortByKey(peopleRows.map(livePerson)),
    groups: sortByKey(groupRows.map(liveGroup)),
    roles: sortByKey(roleRows.map(liveRole)),
    properties: sortByKey(propertyRows.map(liveProperty)),
    directRoles: sortLinks(directRoles),
    inheritedRoles: [...inheritedRoles].sort((a, b) => compare(`${a.user}\0${a.role}\0${a.grantedBy ?? ''}`, `${b.user}\0${b.role}\0${b.grantedBy ?? ''}`)),
    memberships: sortLinks(memberships.filter((m) => kept.has(m.from))),
    groupRoles: sortLinks(groupRoleRows.map(liveGroupRole)),
    roleContains: sortLinks(containsRows.map(liveRoleContains)),
    activeAdmins: [...new Set(adminRows.map((row) => keyOf(row['user.user_name'])))].sort(),
  };
}

function groupBy(links: readonly LiveLink[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const link of links) map.set(link.from, [...(map.get(link.from) ?? []), link.to]);
  return map;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortByKey = <T extends { key: string }>(rows: readonly T[]) => [...rows].sort((a, b) => compare(a.key, b.key));
const sortLinks = (links: readonly LiveLink[]) => [...links].sort((a, b) => compare(`${a.from}\0${a.to}`, `${b.from}\0${b.to}`));
