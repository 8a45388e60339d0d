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

  const differently = new Set(reviewed.changes.map((c) => `${c.kind}|${c.key}|${c.action}`));
  const details = added.map((c) => `${differently.has(`${c.kind}|${c.key}|${c.action}`) ? 'planned differently than reviewed' : 'not in the reviewed plan'}: ${c.action} ${c.kind} ${c.key}${whoChanged(c, live)}`);
  return [{
    severity: 'error',
    code: 'stale-plan',
    summary: `the instance changed since the plan was reviewed: ${details.slice(0, 20).join('; ')}${details.length > 20 ? `; and ${details.length - 20} more` : ''}`,
    fix: 'nothing was written; run snac plan again, review the new plan, and apply that one',
    blocking: true,
  }];
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
