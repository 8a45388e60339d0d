import type { DeclaredRecord, RecordKind } from '../kinds/kind.js';
import type { LiveRecord, LiveState } from '../kinds/live.js';
import { LINK_KIND_NAMES, RECORD_KIND_NAMES } from '../kinds/names.js';
import { LINK_KINDS, RECORD_KINDS } from '../kinds/registry.js';
import type { PrunePolicy } from '../model/config.js';
import type { DesiredState } from '../kinds/desired.js';
import type { Change, FieldChange } from './change.js';
import { compareFields } from './compare-fields.js';
import { diffLinks, type Labeler } from './diff-links.js';

export interface DiffOptions {
  /** The instance's name in snac.yaml: accounts declared for other instances do not exist here. */
  readonly instanceName?: string;
  readonly prune: PrunePolicy;
  /** snac's own accounts (the named reconciler, the account signed in): never pruned. */
  readonly protectedAccounts?: readonly string[];
}

/**
 * The raw changes that make `live` match `desired`, unordered and undecorated (origin
 * 'declared' or 'prune', risk normal): one loop over the record kinds, one over the link kinds.
 * Pure: plan() adds order, origin, risk and findings.
 */
export function diff(desired: DesiredState, live: LiveState, options: DiffOptions): Change[] {
  const changes: Change[] = [];
  const label = labeler(desired, live);
  for (const name of RECORD_KIND_NAMES) {
    const kind = RECORD_KINDS[name];
    const liveByKey = new Map(live.records[name].map((r) => [r.key, r]));
    const unreadable = new Set(live.unreadable?.[name] ?? []);
    for (const declared of kind.declared(desired, options.instanceName)) {
      // Its row may be hidden from the reader: unknown, reported by plan/visibility.ts, never planned.
      if (unreadable.has(declared.key)) continue;
      const change = recordChange(kind, declared, liveByKey.get(declared.key));
      if (change !== undefined) changes.push(change);
    }
  }
  for (const name of LINK_KIND_NAMES) {
    const kind = LINK_KINDS[name];
    const platform = new Set(kind.leavesPlatformRoles ? desired.config.platformRoles : []);
    const linkChanges = diffLinks(name, kind.declared(desired, options.instanceName), live.links[name], label);
    changes.push(...linkChanges.filter((c) => !(c.action === 'revoke' && platform.has(c.link?.to ?? ''))));
  }
  changes.push(...prunes(RECORD_KINDS.ServiceAccount.declared(desired, options.instanceName), live.records.ServiceAccount, options));
  return changes;
}

/** The create, update or set that makes one live record match its declaration, if any. */
function recordChange(kind: RecordKind, declared: DeclaredRecord, live: LiveRecord | undefined): Change | undefined {
  const compared = compareFields(kind, declared.fields, live?.fields, live?.unknown);
  const action = kind.write === 'set' ? 'set' : live === undefined ? 'create' : 'update';
  const fields: FieldChange[] = action === 'create' ? [{ field: kind.keyField, before: null, after: declared.name }, ...compared] : compared;
  if (action !== 'create' && fields.length === 0) return undefined;
  return { kind: kind.name, key: declared.key, ...named(declared.key, declared.name), action, fields, origin: 'declared', risk: 'normal', risks: [], at: declared.at };
}

/** Live accounts in scope that are no longer declared, handled by the prune policy. */
function prunes(declared: readonly DeclaredRecord[], live: readonly LiveRecord[], options: DiffOptions): Change[] {
  if (options.prune === 'ignore') return [];
  const keys = new Set(declared.map((a) => a.key));
  const changes: Change[] = [];
  for (const account of live) {
    if (keys.has(account.key) || options.protectedAccounts?.includes(account.key)) continue;
    if (options.prune === 'delete') {
      changes.push({ kind: 'ServiceAccount', key: account.key, action: 'delete', fields: [], origin: 'prune', risk: 'normal', risks: [] });
    } else if (account.fields['active'] === true) {
      const fields = [{ field: 'active', before: true, after: false }];
      changes.push({ kind: 'ServiceAccount', key: account.key, action: 'deactivate', fields, origin: 'prune', risk: 'normal', risks: [] });
    }
  }
  return changes;
}

/** Names as declared, else as the instance spells them, by lower-cased key. */
function labeler(desired: DesiredState, live: LiveState): Labeler {
  const names = new Map<string, string>();
  for (const name of LINK_KIND_NAMES) for (const link of live.links[name]) if (link.toName) names.set(link.to, link.toName);
  for (const name of RECORD_KIND_NAMES) {
    for (const record of live.records[name]) {
      const spelled = record.fields['name'];
      if (typeof spelled === 'string' && spelled !== '') names.set(record.key, spelled);
    }
  }
  for (const name of RECORD_KIND_NAMES) for (const record of RECORD_KINDS[name].declared(desired, undefined)) if (record.name !== record.key) names.set(record.key, record.name);
  return (key) => names.get(key) ?? key;
}

const named = (key: string, name: string) => (name === key ? {} : { label: name });
