import { SnacError } from '../diagnostics.js';
import type { RecordKind } from '../kinds/kind.js';
import { isLinkKindName, type RecordKindName } from '../kinds/names.js';
import { escapeValue } from '../kinds/query.js';
import { LINK_KINDS, RECORD_KINDS } from '../kinds/registry.js';
import type { Scalar } from '../model/scalar.js';
import type { Change } from '../plan/change.js';
import { linkId, type SysIdIndex } from './sys-ids.js';

/** One Table API write, resolved from a change: what to send, and how to find the record again. */
export type WriteRequest =
  | { readonly op: 'create'; readonly table: string; readonly values: Record<string, string>; readonly readBack: string }
  | { readonly op: 'update'; readonly table: string; readonly sysId: string; readonly values: Record<string, string> }
  | { readonly op: 'remove'; readonly table: string; readonly sysId: string };

export function toServiceNow(value: Scalar): string {
  return value === null ? '' : String(value);
}

/** The write a change needs, with references resolved to sys_ids; throws when one is missing. */
export function requestFor(change: Change, ids: SysIdIndex): WriteRequest {
  if (isLinkKindName(change.kind)) {
    const kind = LINK_KINDS[change.kind];
    if (change.link === undefined) throw new SnacError(`a ${change.kind} change without its two ends`, 'internal');
    const { from, to } = change.link;
    if (change.duplicate !== undefined) {
      return { op: 'remove', table: kind.table, sysId: need(ids.duplicate(change.kind, linkId(from, to), change.duplicate), `${change.kind} row ${change.key}`) };
    }
    if (change.action === 'revoke') return { op: 'remove', table: kind.table, sysId: need(ids.get(change.kind, linkId(from, to)), `${change.kind} row ${change.key}`) };
    const fromId = need(referenceId(ids, kind.from.kind, from), `${kind.from.kind} ${from}`);
    const toId = need(referenceId(ids, kind.to.kind, to), `${kind.to.kind} ${to}`);
    return {
      op: 'create',
      table: kind.table,
      values: { [kind.from.field]: fromId, [kind.to.field]: toId },
      readBack: `${kind.from.field}=${fromId}^${kind.to.field}=${toId}${kind.ownedOnly === undefined ? '' : `^${kind.ownedOnly}`}`,
    };
  }
  const kind = RECORD_KINDS[change.kind];
  const existing = ids.get(change.kind, change.key);
  if (change.action === 'delete') return { op: 'remove', table: kind.table, sysId: need(existing, `${change.kind} ${change.key}`) };

  const values = valuesOf(kind, change, ids);
  if (existing !== undefined) return { op: 'update', table: kind.table, sysId: existing, values };
  const created = { ...kind.createExtras?.(change.key), ...values };
  return { op: 'create', table: kind.table, values: created, readBack: `${kind.keyField}=${escapeValue(created[kind.keyField] ?? change.key)}` };
}

/** The values a record change writes, references resolved to the sys_ids of what they name. */
function valuesOf(kind: RecordKind, change: Change, ids: SysIdIndex): Record<string, string> {
  const references = new Map(kind.fields.flatMap((f) => (f.references === undefined ? [] : [[f.name, f.references] as const])));
  const values: Record<string, string> = {};
  for (const field of change.fields) {
    const target = references.get(field.field);
    const after = field.after;
    values[field.field] = target !== undefined && typeof after === 'string' && after !== ''
      ? need(referenceId(ids, target, after), `${target} ${after}`)
      : toServiceNow(after);
  }
  return values;
}

function referenceId(ids: SysIdIndex, kind: RecordKindName | 'user', key: string): string | undefined {
  return kind === 'user' || kind === 'ServiceAccount' ? ids.user(key) : ids.get(kind, key);
}

function need(sysId: string | undefined, what: string): string {
  if (sysId === undefined || sysId === '') {
    throw new SnacError(`${what} does not exist on the instance`, 'missing-reference', 'declare it, or create it before this change; a failed create earlier in this apply causes this too');
  }
  return sysId;
}
