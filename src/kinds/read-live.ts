import type { DesiredState } from './desired.js';
import { accountScope, isInScope, type AccountScope } from '../model/scope.js';
import { ACTIVE_ADMINS_QUERY, inheritedRole } from './direct-role.js';
import { SnacError } from '../diagnostics.js';
import type { LinkKind, ReadSelection, RecordKind } from './kind.js';
import type { HiddenRows, LiveInheritedRole, LiveLink, LiveRecord, LiveState } from './live.js';
import { LINK_KIND_NAMES, RECORD_KIND_NAMES, type LinkKindName, type RecordKindName } from './names.js';
import { escapeValue, inQueries, prefixQuery } from './query.js';
import { readLineage } from './group-lineage.js';
import { readRows, readRowsAs } from './read-rows.js';
import { LINK_KINDS, RECORD_KINDS } from './registry.js';
import { keyOf, linkOf, namePool, ownedValues, withUnknownFields, type Intern } from './row-fields.js';
import type { NaturalKey } from '../model/keys.js';
import { livePerson, PERSON_READ_FIELDS, PERSON_TABLE } from './service-account.js';
import type { Row, TableReader } from './table-reader.js';

/** What to read: the account scope, and the groups and properties the declarations name. */
export interface LiveSelection {
  readonly scope: AccountScope;
  readonly groups: readonly NaturalKey[];
  readonly properties: readonly NaturalKey[];
  /** Owners the declarations name (user_names). */
  readonly owners: readonly NaturalKey[];
  /** The natural keys each record kind's declarations name (kinds read by name use them). */
  readonly declared?: { readonly [K in RecordKindName]?: readonly NaturalKey[] };
}

export interface ReadOptions {
  /** Host name recorded in the live state. */
  readonly instance: string;
  readonly pageSize?: number;
  /**
   * Accept tables the caller cannot read in full (the audit, which reports it in `hidden`). A
   * plan never does for what it manages (see judgeHidden).
   */
  readonly allowHidden?: boolean;
  /** The account reading (the user signed in), named in what it could not see. */
  readonly readAs?: string;
}

/**
 * The selection a set of declarations needs: declared and referenced groups, the declared
 * properties only (High Security properties are readable by admin alone: snac reads those it
 * manages, and says which it could not read).
 */
export function selectionFor(desired: DesiredState): LiveSelection {
  const groups = new Set(desired.records.Group.map((g) => g.key));
  for (const account of desired.records.ServiceAccount) for (const group of account.groups ?? []) groups.add(keyOf(group.value));
  if (desired.config.scope.markerGroup !== undefined) groups.add(keyOf(desired.config.scope.markerGroup));
  const properties = new Set(desired.records.SecuritySettings.map((p) => p.key));
  for (const name of RECORD_KIND_NAMES) for (const property of RECORD_KINDS[name].readsProperties?.(desired) ?? []) properties.add(keyOf(property));
  const owners = new Set<NaturalKey>();
  for (const record of [...desired.records.ServiceAccount, ...desired.records.Group]) {
    const manager = record.fields.manager?.value;
    if (typeof manager === 'string' && manager !== '') owners.add(keyOf(manager));
  }
  const declared = Object.fromEntries(RECORD_KIND_NAMES.map((name) => [name, RECORD_KINDS[name].declared(desired, undefined).map((r) => r.key).sort()]));
  return {
    declared,
    owners: [...owners].sort(),
    scope: accountScope(desired.config.scope, desired.records.ServiceAccount.map((a) => a.key)),
    groups: [...groups].sort(),
    properties: [...properties].sort(),
  };
}

/**
 * Read the live state of a selection with a handful of paged bulk queries: one per kind (plus
 * one per chunk of names outside the scope prefixes), never one per record. Any failure fails
 * the whole read: a partial live state never reaches the planner.
 */
export async function readLive(api: TableReader, selection: LiveSelection, options: ReadOptions): Promise<LiveState> {
  const paging = { ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }), ...(options.allowHidden ? { allowHidden: true } : {}) };
  const read = (table: string, queries: readonly string[], fields: readonly string[]) => readRows(api, table, queries, fields, paging);
  const membership = LINK_KINDS.Membership;

  // Accounts outside the prefixes are in scope as declared names or marker-group members:
  // those members are read first (when there is a marker group), then the kinds selected by
  // account. Those are the large reads, so they are started early: the client serves requests
  // in the order they are made, and the small tables fill the gaps.
  const dependsOnScope = (kind: RecordKind | LinkKind) => (kind.shape === 'record' ? kind.scoped === true : RECORD_KINDS[kind.from.kind].scoped === true);
  const byName: ReadSelection = { accounts: () => [], groups: selection.groups, properties: selection.properties, declared: [] };
  const byAccountOf = (markerMembers: readonly LiveLink[]): ReadSelection & { readonly markerMembers: ReadonlySet<string> } => {
    const outsidePrefixes = [...selection.scope.declared, ...markerMembers.map((m) => m.from)].filter(
      (userName) => !selection.scope.prefixes.some((prefix) => userName.startsWith(prefix)),
    );
    const accounts = (field: string) => {
      const prefix = prefixQuery(field, selection.scope.prefixes);
      return [...(prefix === undefined ? [] : [prefix]), ...inQueries(field, outsidePrefixes)];
    };
    return { ...byName, accounts, markerMembers: new Set(markerMembers.map((m) => m.from)) };
  };
  const marker = selection.scope.markerGroup;
  const byAccount = marker === undefined
    ? byAccountOf([])
    : read(membership.table, [`${membership.to.read}=${escapeValue(marker)}`], linkFields(membership)).then((rows) =>
        byAccountOf(rows.map((row) => linkOf(membership.table, row, membership.from.read, membership.to.read))),
      );
  // Rows read ACLs kept back, per kind: judged once everything is read (judgeHidden).
  const hiddenIn = new Map<string, number>();
  const hiddenOf = (name: string) => (count: number) => hiddenIn.set(name, (hiddenIn.get(name) ?? 0) + count);
  const readKind = <T>(kind: RecordKind | LinkKind, fields: readonly string[], convert: (row: Row) => T): Promise<T[]> => {
    const declared = kind.shape === 'record' ? selection.declared?.[kind.name] ?? [] : [];
    const start = (queries: ReadSelection) =>
      readRowsAs(api, kind.table, kind.select({ ...queries, declared }), fields, { ...paging, allowHidden: true, onHidden: hiddenOf(kind.name) }, convert);
    const reading = !dependsOnScope(kind) ? start(byName) : byAccount instanceof Promise ? byAccount.then(start) : start(byAccount);
    reading.catch(() => undefined);
    return reading;
  };
  // The client sends its first request alone (to check the credentials before any other):
  // the active admins, a few rows, go first, so that wait is short.
  const adminRead = read(ACTIVE_ADMINS_QUERY.table, [ACTIVE_ADMINS_QUERY.query], [ACTIVE_ADMINS_QUERY.field]);
  adminRead.catch(() => undefined);
  const kinds = [...RECORD_KIND_NAMES.map((name) => RECORD_KINDS[name]), ...LINK_KIND_NAMES.map((name) => LINK_KINDS[name])];
  // Link rows (the large tables) become links as their pages arrive: the rows need not outlive them.
  const names = namePool();
  const recordReads = new Map<RecordKindName, Promise<Row[]>>();
  const linkReads = new Map<LinkKindName, Promise<LinkRead[]>>();
  for (const kind of [...kinds.filter(dependsOnScope), ...kinds.filter((k) => !dependsOnScope(k))]) {
    if (kind.shape === 'record') recordReads.set(kind.name, readKind(kind, kind.readFields, (row) => row));
    else linkReads.set(kind.name, readKind(kind, linkFields(kind), linkRead(kind, names)));
  }
  const rowsOfKind = (name: RecordKindName) => recordReads.get(name) ?? Promise.resolve([]);
  const linksOfKind = (name: LinkKindName) => linkReads.get(name) ?? Promise.resolve([]);
  // Scope by name, prefix and marker membership: what the memberships read later confirm.
  const scopeTest = Promise.resolve(byAccount).then(({ markerMembers }) => (userName: string) =>
    isInScope(selection.scope, userName, marker !== undefined && markerMembers.has(keyOf(userName)) ? [marker] : []),
  );
  scopeTest.catch(() => undefined);

  // Read once their inputs are in, while the large link tables still are: the owners (named by
  // the accounts and groups), and the roles of groups the accounts are members of that the
  // declarations do not name (GroupRole reads only the named ones).
  const peopleRead = Promise.all([rowsOfKind('ServiceAccount'), rowsOfKind('Group'), scopeTest]).then(([accountRows, groupRows, inScope]) => {
    const owners = new Set<string>(selection.owners);
    const accounts = RECORD_KINDS.ServiceAccount;
    // Only the manager is needed here: the records themselves are made once, below.
    const managerOf = (kind: RecordKind, row: Row) => ownedValues(kind.fields.filter((f) => f.name === 'manager'), row)['manager'];
    for (const row of accountRows) {
      const manager = managerOf(accounts, row);
      if (typeof manager === 'string' && manager !== '' && inScope(row[accounts.keyField] ?? '')) owners.add(manager);
    }
    for (const row of groupRows) {
      const manager = managerOf(RECORD_KINDS.Group, row);
      if (typeof manager === 'string' && manager !== '') owners.add(manager);
    }
    return read(PERSON_TABLE, inQueries('user_name', owners), PERSON_READ_FIELDS);
  });
  peopleRead.catch(() => undefined);
  const groupRole = LINK_KINDS.GroupRole;
  const otherGroups = new Set<string>();
  const othersKnown = Promise.all([linksOfKind('Membership'), scopeTest]).then(([links, inScope]) => {
    const named = new Set(selection.groups);
    for (const link of links.filter(isLink)) if (!named.has(link.to) && inScope(link.from)) otherGroups.add(link.to);
  });
  const otherGroupRolesRead = othersKnown.then(() =>
    readRows(api, groupRole.table, inQueries(groupRole.from.read, otherGroups), linkFields(groupRole), { ...paging, allowHidden: true, onHidden: hiddenOf(groupRole.name) }),
  );
  otherGroupRolesRead.catch(() => undefined);
  // Group parents are read once the groups are known, while the large link tables still are:
  // at 1,000 accounts a round trip after the last page was a tenth of the read.
  const lineageRead = Promise.all([rowsOfKind('Group'), othersKnown]).then(([groupRows]) =>
    readLineage(api, groupRows, otherGroups, new Set([...selection.groups, ...otherGroups]), {
      ...paging,
      allowHidden: true,
      onHidden: hiddenOf(LINK_KINDS.GroupRole.name),
    }),
  );
  lineageRead.catch(() => undefined);
  const [recordRows, linkRows, adminRows, peopleRows, otherGroupRoles, lineage] = await Promise.all([
    Promise.all(RECORD_KIND_NAMES.map(rowsOfKind)),
    Promise.all(LINK_KIND_NAMES.map(linksOfKind)),
    adminRead,
    peopleRead,
    otherGroupRolesRead,
    lineageRead,
  ]);
  const hidden = await judgeHidden(api, hiddenIn, await byAccount, options);

  const rowsOf = <T>(names: readonly string[], rows: readonly T[]) => new Map(names.map((name, i) => [name, rows[i] ?? ([] as unknown as T)]));
  const recordsByKind = rowsOf<Row[]>(RECORD_KIND_NAMES, recordRows);
  const linksByKind = rowsOf<LinkRead[]>(LINK_KIND_NAMES, linkRows);

  // Rows a link kind does not own (inherited role rows) are kept apart, never written.
  const liveLinks = {} as Record<LinkKindName, LiveLink[]>;
  for (const name of LINK_KIND_NAMES) liveLinks[name] = (linksByKind.get(name) ?? []).filter(isLink);
  const inheritedRoles = (linksByKind.get('DirectRole') ?? []).filter((read): read is LiveInheritedRole => !isLink(read));

  // The scope rule: an account is in scope by name, prefix or marker group; links from an
  // account out of scope are dropped with it.
  const groupsOf = new Map<string, string[]>();
  for (const m of liveLinks.Membership) {
    const groups = groupsOf.get(m.from);
    if (groups === undefined) groupsOf.set(m.from, [m.to]);
    else groups.push(m.to);
  }
  const records = {} as Record<RecordKindName, LiveRecord[]>;
  for (const name of RECORD_KIND_NAMES) {
    const kind = RECORD_KINDS[name];
    const all = (recordsByKind.get(name) ?? []).map((row) => withUnknownFields(kind, row, kind.live(row)));
    records[name] = kind.scoped ? all.filter((r) => isInScope(selection.scope, r.key, groupsOf.get(r.key) ?? [])) : all;
  }
  const kept = new Set(records.ServiceAccount.map((a) => a.key));
  for (const name of LINK_KIND_NAMES) {
    if (RECORD_KINDS[LINK_KINDS[name].from.kind].scoped) liveLinks[name] = liveLinks[name].filter((l) => kept.has(l.from));
  }

  liveLinks.GroupRole.push(...[...otherGroupRoles, ...lineage.roleRows].map((row) => linkOf(groupRole.table, row, groupRole.from.read, groupRole.to.read)));

  return {
    instance: options.instance,
    records: mapKinds(RECORD_KIND_NAMES, (name) => sortByKey(records[name])),
    links: mapKinds(LINK_KIND_NAMES, (name) => sortLinks(liveLinks[name])),
    people: sortByKey(peopleRows.map(livePerson)),
    inheritedRoles: [...inheritedRoles]
      .filter((r) => kept.has(r.user))
      .sort((a, b) => compare(a.user, b.user) || compare(a.role, b.role) || compare(a.grantedBy ?? '', b.grantedBy ?? '')),
    activeAdmins: [...new Set(adminRows.map((row) => keyOf(row[ACTIVE_ADMINS_QUERY.field])))].sort(),
    ...(Object.keys(lineage.parents).length === 0 ? {} : { groupParents: lineage.parents }),
    ...(options.readAs === undefined ? {} : { readAs: keyOf(options.readAs) }),
    ...(hidden.length === 0 ? {} : { hidden }),
    ...unreadableRecords(hiddenIn, selection, records),
  };
}
/**
 * Decide, table by table, what rows hidden by read ACLs mean (each kind's hiddenRows): a kind
 * whose hidden rows would make the plan wrong stops the read with the table and the role that
 * would reveal them; reference tables are tolerated and said. Grants of an elevated role
 * (security_admin) are visible only to a session elevated to it, which REST never is: when
 * they are all that is hidden, the plan goes on without them and says so.
 */
async function judgeHidden(api: TableReader, hiddenIn: ReadonlyMap<string, number>, selection: ReadSelection, options: ReadOptions): Promise<HiddenRows[]> {
  const reader = options.readAs ?? "snac's account";
  const tolerated: HiddenRows[] = [];
  for (const kind of [...RECORD_KIND_NAMES.map((n) => RECORD_KINDS[n]), ...LINK_KIND_NAMES.map((n) => LINK_KINDS[n])]) {
    const count = hiddenIn.get(kind.name) ?? 0;
    if (count === 0 || kind.hiddenRows === 'unknown') continue;
    if (kind.hiddenRows === 'tolerated') {
      tolerated.push({ table: kind.table, count, why: `reference data the plan can do without; ${readRoles(kind)} would reveal them` });
      continue;
    }
    if (kind.name === 'DirectRole' && (await hiddenElevatedGrants(api, selection)) === count) {
      tolerated.push({ table: kind.table, count, why: 'grants of security_admin, visible only to a session elevated to it, which a REST session never is: the plan neither sees nor changes them', elevatedGrants: true });
      continue;
    }
    if (options.allowHidden) {
      tolerated.push({ table: kind.table, count, why: `${kind.human}s of the accounts in scope, left out of this report; ${readRoles(kind)} would reveal them` });
      continue;
    }
    throw new SnacError(
      `${count} rows of ${kind.table} (${kind.human}s of the accounts in scope) are hidden from ${reader} by read ACLs`,
      'hidden-rows',
      `give ${reader} ${readRoles(kind)} and run again: snac never plans from a partial read of what it manages`,
    );
  }
  return tolerated;
}

/** What reveals a kind's rows: the roles a new instance's read ACL lets through, or a read ACL. */
function readRoles(kind: RecordKind | LinkKind): string {
  const roles = kind.requirements.filter((r) => r.operation === 'read').flatMap((r) => r.roles);
  const named = roles.includes('*') ? [] : [...new Set(roles)];
  return named.length === 0 ? `a read ACL on ${kind.table}` : `${named.join(' or ')} (or a read ACL on ${kind.table})`;
}

/** How many grants of an elevated role to the accounts in scope the reader cannot see. */
async function hiddenElevatedGrants(api: TableReader, selection: ReadSelection): Promise<number> {
  let hidden = 0;
  const queries = selection.accounts('user.user_name').map((q) => `${q}^role.elevated_privilege=true`);
  await readRows(api, LINK_KINDS.DirectRole.table, queries, ['user.user_name'], { allowHidden: true, onHidden: (count) => (hidden += count) });
  return hidden;
}

/** Declared records of an 'unknown' kind that were not read while rows of their table were hidden. */
function unreadableRecords(hiddenIn: ReadonlyMap<string, number>, selection: LiveSelection, records: Record<RecordKindName, LiveRecord[]>): Pick<LiveState, 'unreadable'> {
  const selected: Partial<Record<RecordKindName, readonly NaturalKey[]>> = { SecuritySettings: selection.properties, Group: selection.groups };
  const unreadable: Partial<Record<RecordKindName, NaturalKey[]>> = {};
  for (const name of RECORD_KIND_NAMES) {
    if (RECORD_KINDS[name].hiddenRows !== 'unknown' || (hiddenIn.get(name) ?? 0) === 0) continue;
    const read = new Set(records[name].map((r) => r.key));
    const missing = (selected[name] ?? []).filter((key) => !read.has(key));
    if (missing.length > 0) unreadable[name] = missing;
  }
  return Object.keys(unreadable).length === 0 ? {} : { unreadable };
}

/**
 * A link row as read: a link the kind owns, or a row it does not own, which is an inherited
 * role (DirectRole's; no other kind has rows it does not own).
 */
type LinkRead = LiveLink | LiveInheritedRole;

const isLink = (read: LinkRead): read is LiveLink => 'sysId' in read;

function linkRead(kind: LinkKind, intern: Intern): (row: Row) => LinkRead {
  const owns = kind.owns;
  return (row) => (owns === undefined || owns(row) ? linkOf(kind.table, row, kind.from.read, kind.to.read, intern) : inheritedRole(row, intern));
}

/** The columns read for a link kind: its two ends, and what tells owned rows from others. */
function linkFields(kind: LinkKind): string[] {
  return [kind.from.read, kind.to.read, ...(kind.extraReadFields ?? [])];
}

function mapKinds<K extends string, V>(names: readonly K[], value: (name: K) => V): Record<K, V> {
  return Object.fromEntries(names.map((name) => [name, value(name)])) as Record<K, V>;
}

// Orders compare field by field (as the text `from\0to` would sort, without making that text
// for every comparison of a 350,000-row sort).
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortByKey = <T extends { key: string }>(rows: readonly T[]) => [...rows].sort((a, b) => compare(a.key, b.key));
const sortLinks = (links: readonly LiveLink[]) => [...links].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
