import { assignableBy } from './assignable-by.js';
import { interactiveAccount } from './interactive-account.js';
import { irreversibleSetting } from './irreversible-setting.js';
import { minAdmins } from './min-admins.js';
import { needsElevation } from './needs-elevation.js';
import type { SafetyRail } from './rail.js';
import { reconcilerSelf } from './reconciler-self.js';
import { tooManyChanges } from './too-many-changes.js';
import { tooManyPrunes } from './too-many-prunes.js';
import { unknownRole } from './unknown-role.js';

/**
 * Every safety rail, in the order its findings are listed: rail by rail, except that the rails
 * of an inner list are listed together, change by change in apply order (a High Security
 * Setting that cannot be set back and needs elevation shows both findings side by side).
 * Adding a rail is one file and one line here.
 */
export const SAFETY_RAIL_ORDER: readonly (SafetyRail | readonly SafetyRail[])[] = [
  tooManyPrunes,
  tooManyChanges,
  minAdmins,
  reconcilerSelf,
  interactiveAccount,
  unknownRole,
  [irreversibleSetting, needsElevation],
  assignableBy,
];

export const SAFETY_RAILS: readonly SafetyRail[] = SAFETY_RAIL_ORDER.flat();

/** The codes `--allow` takes: the rails it can lift, in the order they are listed. */
export const ALLOWABLE_CODES: readonly string[] = SAFETY_RAILS.filter((r) => r.allowable).map((r) => r.code);
