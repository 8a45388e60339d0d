import type { Finding } from './change.js';
import { SAFETY_RAIL_ORDER } from './rails/registry.js';
import type { Breach, SafetyContext, SafetyRail } from './rails/rail.js';

export type { Granter, SafetyContext } from './rails/rail.js';
export { ALLOWABLE_CODES, SAFETY_RAILS } from './rails/registry.js';

interface Found {
  readonly rail: SafetyRail;
  readonly breach: Breach;
}

/**
 * The safety rails (src/plan/rails/): findings that block the plan (and apply) unless
 * explicitly allowed, then shown as warnings. They are part of the plan, computed before
 * anything is written, and shown in the PR comment.
 */
export function safetyFindings(context: SafetyContext): Finding[] {
  const position = new Map(context.changes.map((change, i) => [change, i]));
  const place = ({ breach }: Found) => (breach.change === undefined ? context.changes.length : position.get(breach.change) ?? context.changes.length);
  const run = (rail: SafetyRail): Found[] => rail.check(context).map((breach) => ({ rail, breach }));
  const found = SAFETY_RAIL_ORDER.flatMap((entry) => ('code' in entry ? run(entry) : entry.flatMap(run).sort((a, b) => place(a) - place(b))));
  return found.map(({ rail, breach }) => {
    const allowed = breach.unsure === true || (rail.allowable && context.allow.has(rail.code));
    return {
      severity: allowed ? 'warning' : 'error',
      code: rail.code,
      summary: breach.summary,
      fix: breach.fix,
      blocking: !allowed,
      ...(breach.at === undefined ? {} : { at: breach.at }),
      ...(breach.record === undefined ? {} : { record: breach.record }),
    };
  });
}
