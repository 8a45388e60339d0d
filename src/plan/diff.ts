import type { PrunePolicy } from '../model/config.js';
import type { DesiredServiceAccount, DesiredState } from '../model/desired.js';
import type { LiveRecord, LiveState } from '../model/live.js';
import type { Change, FieldChange, KindName } from './change.js';
import { compareFields } from './compare-fields.js';
import { diffLinks, type Labeler } from './diff-links.js';

export interface DiffOptions {
  /** The instance's name in snac.yaml: accounts declared for other instances do not exist here. */
  readonly instanceName?: string;
  readonly prune: PrunePolicy;
  /** The reconciler's own user_name: never pruned, whatever the declarations say. */
  readonly reconciler?: string;
}

/** Declared accounts that exist on this instance (an account may be limited to some instances). */
export function accountsOn(desired: DesiredState, instanceName: string | undefined): DesiredServiceAccount[] {
  return desired.accounts.filter(
    (a) => a.instances === undefined || instanceName === undefined || a.instances.some((i) => i.value === instanceName),
  );
}

/**
 * The raw changes that make `live` match `desired`, unordered and undecorated (origin
 * 'declared' or 'prune', risk normal). Pure: plan() adds order, origin, risk and findings.
 */
export function diff(desired: DesiredState, live: LiveState, options: DiffOptions): Change[] {
  const accounts = accountsOn(desired, options.instanceName);
  const changes: Change[] = [];
  const label = labeler(desired, live);
  const record = (kind: KindName, key: string, declared: { fields: object; at: Change['at'] }, liveRow: LiveRecord | undefined, name: string) => {
    const fields = compareFields(declared.fields as Parameters<typeof compareFields>[0], liveRow?.fields);
    if (liveRow === undefined) {
      const withName: FieldChange[] = [{ field: kind === 'ServiceAccount' ? 'user_name' : 'name', before: null, after: name }, ...fields];
      changes.push({ kind, key, ...named(key, name), action: 'create', fields: withName, origin: 'declared', risk: 'normal', risks: [], ...at(declared.at) });
    } else if (fields.length > 0) {
      changes.push({ kind, key, ...named(key, name), action: 'update', fields, origin: 'declared', risk: 'normal', risks: [], ...at(declared.at) });
    }
  };

  const liveRoles = byKey(live.roles);
  for (const role of desired.roles) record('Role', role.key, role, liveRoles.get(role.key), role.name ?? role.key);
  changes.push(...diffLinks('RoleContains', desired.roles.map((r) => ({ from: r.key, to: r.contains, at: r.at })), live.roleContains, label));

  const liveGroups = byKey(live.groups);
  for (const group of desired.groups) record('Group', group.key, group, liveGroups.get(group.key), group.name ?? group.key);
  changes.push(...diffLinks('GroupRole', desired.groups.map((g) => ({ from: g.key, to: g.roles, at: g.at })), live.groupRoles, label));

  const liveAccounts = byKey(live.accounts);
  for (const account of accounts) record('ServiceAccount', account.key, account, liveAccounts.get(account.key), account.key);
  changes.push(...diffLinks('Membership', accounts.map((a) => ({ from: a.key, to: a.groups, at: a.at })), live.memberships, label));
  changes.push(...diffLinks('DirectRole', accounts.map((a) => ({ from: a.key, to: a.roles, at: a.at })), live.directRoles, label));
  changes.push(...prunes(accounts, live.accounts, options));

  const liveProperties = byKey(live.properties);
  for (const property of desired.properties) {
    const before = liveProperties.get(property.key)?.fields['value'];
    if (before === property.value.value) continue;
    changes.push({
      kind: 'SecuritySettings',
      key: property.key,
      action: 'set',
      fields: [{ field: 'value', before: before ?? null, after: property.value.value }],
      origin: 'declared',
      risk: 'normal',
      risks: [],
      at: property.value.at,
    });
  }
  return changes;
}

/** Live accounts in scope that are no longer declared, handled by the prune policy. */
function prunes(declared: readonly DesiredServiceAccount[], live: readonly LiveRecord[], options: DiffOptions): Change[] {
  if (options.prune === 'ignore') return [];
  const keys = new Set(declared.map((a) => a.key));
  const changes: Change[] = [];
  for (const account of live) {
    if (keys.has(account.key) || account.key === options.reconciler) continue;
    if (options.prune === 'delete') {
      changes.push({ kind: 'ServiceAccount', key: account.key, action: 'delete', fields: [], origin: 'prune', risk: 'normal', risks: [] });
    } else if (account.fields['active'] === true) {
      const fields = [{ field: 'active', before: true, after: false }];
      changes.push({ kind: 'ServiceAccount', key: account.key, action: 'deactivate', fields, origin: 'prune', risk: 'normal', risks: [] });
    }
  }
  return changes;
}

/** Names as declared (groups, roles), else as the instance spells them, by lower-cased key. */
function labeler(desired: DesiredState, live: LiveState): Labeler {
  const names = new Map<string, string>();
  for (const link of [...live.memberships, ...live.groupRoles]) if (link.toName) names.set(link.to, link.toName);
  for (const record of [...live.groups, ...live.roles]) {
    const name = record.fields['name'];
    if (typeof name === 'string' && name !== '') names.set(record.key, name);
  }
  for (const record of [...desired.groups, ...desired.roles]) if (record.name) names.set(record.key, record.name);
  return (key) => names.get(key) ?? key;
}

const named = (key: string, name: string) => (name === key ? {} : { label: name });

function byKey(rows: readonly LiveRecord[]): Map<string, LiveRecord> {
  return new Map(rows.map((r) => [r.key, r]));
}

const at = (where: Change['at']) => (where === undefined ? {} : { at: where });
