import { SnacError } from '../diagnostics.js';
import { HIGH_SECURITY_SETTINGS } from '../model/high-security-settings.js';
import type { Scalar } from '../model/scalar.js';
import type { Change, KindName } from '../plan/change.js';
import { escapeValue } from '../kinds/query.js';
import { linkId, type SysIdIndex } from './sys-ids.js';

/** One Table API write, resolved from a change: what to send, and how to find the record again. */
export type WriteRequest =
  | { readonly op: 'create'; readonly table: string; readonly values: Record<string, string>; readonly readBack: string }
  | { readonly op: 'update'; readonly table: string; readonly sysId: string; readonly values: Record<string, string> }
  | { readonly op: 'remove'; readonly table: string; readonly sysId: string };

const RECORD_TABLES: Partial<Record<KindName, string>> = {
  ServiceAccount: 'sys_user',
  Group: 'sys_user_group',
  Role: 'sys_user_role',
  SecuritySettings: 'sys_properties',
};

/** Link kinds: their table, and the reference fields their two ends are written to. */
const LINKS: Partial<Record<KindName, { table: string; from: [string, KindName]; to: [string, KindName]; extra?: string }>> = {
  DirectRole: { table: 'sys_user_has_role', from: ['user', 'ServiceAccount'], to: ['role', 'Role'], extra: '^inherited=false' },
  Membership: { table: 'sys_user_grmember', from: ['user', 'ServiceAccount'], to: ['group', 'Group'] },
  GroupRole: { table: 'sys_group_has_role', from: ['group', 'Group'], to: ['role', 'Role'] },
  RoleContains: { table: 'sys_user_role_contains', from: ['role', 'Role'], to: ['contains', 'Role'] },
};

/** Fields holding a reference, and the kind their natural key names. */
const REFERENCES: Record<string, KindName | 'user'> = { manager: 'user', assignable_by: 'Role' };

export function toServiceNow(value: Scalar): string {
  return value === null ? '' : String(value);
}

/** The write a change needs, with references resolved to sys_ids; throws when one is missing. */
export function requestFor(change: Change, ids: SysIdIndex): WriteRequest {
  const link = LINKS[change.kind];
  if (link !== undefined && change.link !== undefined) {
    const { from, to } = change.link;
    if (change.action === 'revoke') return { op: 'remove', table: link.table, sysId: need(ids.get(change.kind, linkId(from, to)), `${change.kind} row ${change.key}`) };
    const fromId = need(link.from[1] === 'ServiceAccount' ? ids.user(from) : ids.get(link.from[1], from), `${link.from[1]} ${from}`);
    const toId = need(ids.get(link.to[1], to), `${link.to[1]} ${to}`);
    return {
      op: 'create',
      table: link.table,
      values: { [link.from[0]]: fromId, [link.to[0]]: toId },
      readBack: `${link.from[0]}=${fromId}^${link.to[0]}=${toId}${link.extra ?? ''}`,
    };
  }
  const table = RECORD_TABLES[change.kind];
  if (table === undefined) throw new SnacError(`cannot write a ${change.kind} change`, 'internal');
  const existing = ids.get(change.kind, change.key);
  if (change.action === 'delete') return { op: 'remove', table, sysId: need(existing, `${change.kind} ${change.key}`) };

  const values: Record<string, string> = {};
  for (const field of change.fields) {
    const reference = REFERENCES[field.field];
    const after = field.after;
    if (reference !== undefined && typeof after === 'string' && after !== '') {
      values[field.field] = need(reference === 'user' ? ids.user(after) : ids.get(reference, after), `${reference === 'user' ? 'user' : reference} ${after}`);
    } else {
      values[field.field] = toServiceNow(after);
    }
  }
  if (existing !== undefined) return { op: 'update', table, sysId: existing, values };
  if (change.kind === 'SecuritySettings') {
    const setting = HIGH_SECURITY_SETTINGS.find((s) => s.property === change.key);
    return { op: 'create', table, values: { name: change.key, ...values, type: setting?.type ?? 'string' }, readBack: `name=${escapeValue(change.key)}` };
  }
  const keyField = change.kind === 'ServiceAccount' ? 'user_name' : 'name';
  return { op: 'create', table, values, readBack: `${keyField}=${escapeValue(values[keyField] ?? change.key)}` };
}

function need(sysId: string | undefined, what: string): string {
  if (sysId === undefined || sysId === '') {
    throw new SnacError(`${what} does not exist on the instance`, 'missing-reference', 'declare it, or create it before this change; a failed create earlier in this apply causes this too');
  }
  return sysId;
}
