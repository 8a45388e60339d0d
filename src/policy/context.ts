import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../kinds/live.js';
import { accountsOn } from '../kinds/service-account.js';
import { diff } from '../plan/diff.js';
import { orderChanges } from '../plan/order.js';
import { simulate } from '../plan/simulate.js';
import { rolesLookup } from './held-roles.js';
import type { PolicyContext } from './rule.js';

export interface PolicyOptions {
  /** YYYY-MM-DD: the day the plan is made (expiry is judged against it). */
  readonly today: string;
  /** The instance's name in snac.yaml (accounts may be limited to some instances). */
  readonly instanceName?: string;
  /** snac's own user_name: never pruned, so it stays as it is after the plan. */
  readonly reconciler?: string;
  /** The state after the plan, when the caller has it already (plan() does). */
  readonly after?: LiveState;
}

/** The context every rule reads, built once. Pure: the state after the plan is simulated. */
export function policyContext(desired: DesiredState, live: LiveState, options: PolicyOptions): PolicyContext {
  const after = options.after ?? simulate(live, orderChanges(diff(desired, live, {
    prune: desired.config.prune,
    ...(options.instanceName === undefined ? {} : { instanceName: options.instanceName }),
    ...(options.reconciler === undefined ? {} : { reconciler: options.reconciler.toLowerCase() }),
  })));
  return {
    desired,
    live,
    after,
    accounts: accountsOn(desired, options.instanceName),
    today: options.today,
    instance: live.instance,
    rolesBefore: rolesLookup(live),
    rolesAfter: rolesLookup(after),
  };
}
