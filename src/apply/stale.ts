import type { LiveState } from '../kinds/live.js';
import type { Change, Finding, Plan } from '../plan/change.js';
import { lastChangeOf } from '../plan/last-change.js';
import { changeSignature as signature } from '../plan/signature.js';

/**
 * Is the reviewed plan still what applying would do? Only when every change of the fresh plan
 * is in the reviewed plan exactly (same record, action, and values before and after). A fresh
 * plan that lacks some reviewed changes is the reviewed plan partly applied (an interrupted
 * run, from this checkout or another, or someone who made the same change by hand): applying
 * the rest reaches the reviewed end state, so it is accepted. A fresh change the reviewers did
 * not see, or one whose values differ (a managed field or a link of a record the plan touches
 * changed), is stale, and the finding names the record and who changed it last. What never
 * reaches a plan (failed logins, last_login_time, sys_mod_count alone, records snac does not
 * manage) therefore never refuses one.
 */
export function staleFindings(reviewed: Plan, fresh: Plan, live: LiveState): Finding[] {
  const reviewedBySig = new Set(reviewed.changes.map(signature));
  const added = fresh.changes.filter((c) => !reviewedBySig.has(signature(c)));
  if (added.length === 0) return [];

  const sameRecord = new Map(reviewed.changes.map((c) => [`${c.kind}|${c.key}|${c.action}`, c]));
  // Same rows at the same versions: the instance is as it was, so the declarations moved.
  const instanceUnchanged = fresh.liveFingerprint === reviewed.liveFingerprint;
  const causes = added.map((c) => causeOf(c, sameRecord.get(`${c.kind}|${c.key}|${c.action}`), instanceUnchanged, live));
  const details = causes.map((cause) => cause.detail);
  const sides = new Set(causes.map((cause) => cause.side));
  const changed = sides.size === 2 ? 'the declarations and the instance changed' : sides.has('declarations') ? 'the declarations changed' : 'the instance changed';
  return [{
    severity: 'error',
    code: 'stale-plan',
    summary: `${changed} since the plan was reviewed: ${details.slice(0, 20).join('; ')}${details.length > 20 ? `; and ${details.length - 20} more` : ''}`,
    fix: sides.has('instance')
      ? 'nothing was written; run snac plan again, review the new plan, and apply that one'
      : 'nothing was written; the reviewed plan was made from other declarations than these (apply the plan of this commit): run snac plan here, review it, and apply that one',
    blocking: true,
  }];
}

interface Cause {
  readonly side: 'declarations' | 'instance';
  readonly detail: string;
}

/**
 * Which side a change the reviewers did not see comes from. Against a reviewed change of the
 * same record and action: different values declared ("after") with the same values found
 * ("before") is the declarations; different values found is the instance. A change with no
 * reviewed counterpart is the declarations only when the instance is provably as it was.
 */
function causeOf(change: Change, reviewed: Change | undefined, instanceUnchanged: boolean, live: LiveState): Cause {
  const what = `${change.action} ${change.kind} ${change.key}`;
  if (reviewed !== undefined) {
    const before = (c: Change, field: string) => JSON.stringify(c.fields.find((f) => f.field === field)?.before ?? null);
    const after = (c: Change, field: string) => JSON.stringify(c.fields.find((f) => f.field === field)?.after ?? null);
    const fields = [...new Set([...change.fields, ...reviewed.fields].map((f) => f.field))].sort();
    const found = fields.filter((f) => before(change, f) !== before(reviewed, f));
    if (found.length === 0 || instanceUnchanged) {
      const declared = fields.filter((f) => after(change, f) !== after(reviewed, f));
      return { side: 'declarations', detail: `declared differently than reviewed: ${what}${declared.length > 0 ? ` (${declared.join(', ')})` : ''}` };
    }
    return { side: 'instance', detail: `changed on the instance since the review: ${what} (${found.join(', ')})${whoChanged(change, live)}` };
  }
  if (instanceUnchanged) return { side: 'declarations', detail: `declared since the review: ${what}` };
  return { side: 'instance', detail: `not in the reviewed plan: ${what}${whoChanged(change, live)}` };
}

/** How many reviewed changes the fresh plan no longer needs: already in place. */
export function alreadyInPlace(reviewed: Plan, fresh: Plan): number {
  const freshBySig = new Set(fresh.changes.map(signature));
  return reviewed.changes.filter((c) => !freshBySig.has(signature(c))).length;
}

function whoChanged(change: Change, live: LiveState): string {
  const last = lastChangeOf(change, live);
  return last === undefined ? '' : ` (${change.link?.from ?? change.key} last updated by ${last.by} at ${last.on})`;
}
