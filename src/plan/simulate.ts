import type { LiveLink, LiveRecord, LiveState, RowVersion } from '../model/live.js';
import type { Scalar } from '../model/scalar.js';
import type { Change, KindName } from './change.js';

type LinkList = 'directRoles' | 'memberships' | 'groupRoles' | 'roleContains';
type RecordList = 'accounts' | 'groups' | 'roles' | 'properties';

const LINK_LISTS: Partial<Record<KindName, LinkList>> = {
  DirectRole: 'directRoles',
  Membership: 'memberships',
  GroupRole: 'groupRoles',
  RoleContains: 'roleContains',
};
const RECORD_LISTS: Partial<Record<KindName, RecordList>> = {
  ServiceAccount: 'accounts',
  Group: 'groups',
  Role: 'roles',
  SecuritySettings: 'properties',
};

const SIMULATED: RowVersion = { table: 'simulated', sysId: '', modCount: 0, updatedOn: '', updatedBy: 'snac' };

/**
 * The live state as it would be after the changes, computed in memory (pure). Used for the
 * effective access a plan gives, and by tests: planning again from the result must be empty.
 */
export function simulate(live: LiveState, changes: readonly Change[]): LiveState {
  const lists: Record<RecordList, Map<string, LiveRecord>> = {
    accounts: new Map(live.accounts.map((r) => [r.key, r])),
    groups: new Map(live.groups.map((r) => [r.key, r])),
    roles: new Map(live.roles.map((r) => [r.key, r])),
    properties: new Map(live.properties.map((r) => [r.key, r])),
  };
  const links: Record<LinkList, LiveLink[]> = {
    directRoles: [...live.directRoles],
    memberships: [...live.memberships],
    groupRoles: [...live.groupRoles],
    roleContains: [...live.roleContains],
  };
  for (const change of changes) {
    const linkList = LINK_LISTS[change.kind];
    if (linkList !== undefined && change.link !== undefined) {
      const { from, to } = change.link;
      links[linkList] = links[linkList].filter((l) => l.from !== from || l.to !== to);
      if (change.action === 'grant') links[linkList].push({ from, to, sysId: '', version: SIMULATED });
      continue;
    }
    const recordList = RECORD_LISTS[change.kind];
    if (recordList === undefined) continue;
    const records = lists[recordList];
    if (change.action === 'delete') {
      records.delete(change.key);
      links.memberships = links.memberships.filter((l) => l.from !== change.key);
      links.directRoles = links.directRoles.filter((l) => l.from !== change.key);
      continue;
    }
    const existing = records.get(change.key);
    const fields: Record<string, Scalar> = { ...existing?.fields };
    for (const field of change.fields) fields[field.field] = field.after;
    if (existing === undefined && change.kind === 'ServiceAccount') fields['active'] ??= true;
    records.set(change.key, { key: change.key, sysId: existing?.sysId ?? '', fields, version: existing?.version ?? SIMULATED });
  }
  const sorted = (map: Map<string, LiveRecord>) => [...map.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    ...live,
    accounts: sorted(lists.accounts),
    groups: sorted(lists.groups),
    roles: sorted(lists.roles),
    properties: sorted(lists.properties),
    ...links,
  };
}
