import type { LiveState } from '../kinds/live.js';
import { canonicalJson } from '../plan/canonical-json.js';
import type { Change, Finding, Plan } from '../plan/change.js';
import { lastChangeOf } from '../plan/last-change.js';
import { changeId } from './journal.js';

const signature = (c: Change) => canonicalJson({ kind: c.kind, key: c.key, action: c.action, fields: c.fields });

/**
 * Is the reviewed plan still what applying would do? Without a journal, the fresh plan must
 * have the same hash and the live rows the same fingerprint. Resuming after an interrupted
 * apply, the fresh plan must be the reviewed plan minus changes the journal records attempts
 * at (the applier then writes only the fresh plan's changes, so nothing is written twice).
 * Anything else is stale, and the finding names the records that differ and who changed them.
 */
export function staleFindings(reviewed: Plan, fresh: Plan, live: LiveState, attempted: ReadonlySet<string>): Finding[] {
  const reviewedBySig = new Set(reviewed.changes.map(signature));
  const freshBySig = new Set(fresh.changes.map(signature));
  const resuming = attempted.size > 0;
  const added = fresh.changes.filter((c) => !reviewedBySig.has(signature(c)));
  const missing = reviewed.changes.filter((c) => !freshBySig.has(signature(c)) && !(resuming && attempted.has(changeId(c))));
  if (added.length === 0 && missing.length === 0 && (resuming || fresh.liveFingerprint === reviewed.liveFingerprint)) return [];

  const describe = (c: Change) => `${c.action} ${c.kind} ${c.key}${whoChanged(c, live)}`;
  const details = [
    ...added.map((c) => `not in the reviewed plan: ${describe(c)}`),
    ...missing.map((c) => `reviewed but no longer planned (or planned differently): ${describe(c)}`),
  ];
  const summary =
    details.length > 0
      ? `the instance changed since the plan was reviewed: ${details.slice(0, 20).join('; ')}${details.length > 20 ? `; and ${details.length - 20} more` : ''}`
      : 'the live records the plan was computed from changed since the review (same changes, but effective access or unmanaged state differs)';
  return [{
    severity: 'error',
    code: 'stale-plan',
    summary,
    fix: 'nothing was written; run snac plan again, review the new plan, and apply that one',
    blocking: true,
  }];
}

function whoChanged(change: Change, live: LiveState): string {
  const last = lastChangeOf(change, live);
  return last === undefined ? '' : ` (${change.link?.from ?? change.key} last updated by ${last.by} at ${last.on})`;
}
