import { type Dependents, NO_DEPENDENTS } from '../impact/dependents.js';
import type { DesiredState } from '../kinds/desired.js';
import { accountsOn } from '../kinds/service-account.js';
import type { ComputedChanges } from '../plan/compute.js';
import { rolesLookup } from './held-roles.js';
import type { PolicyContext } from './rule.js';

export interface PolicyOptions {
  /** YYYY-MM-DD: the day the plan is made (expiry is judged against it). */
  readonly today: string;
  /** The instance's name in snac.yaml (accounts may be limited to some instances). */
  readonly instanceName?: string;
  /** What runs as the accounts, for rules that say so (none when not read). */
  readonly dependents?: Dependents;
}

/** The context every rule reads, built once from the computed changes (never diffed again here). */
export function policyContext(desired: DesiredState, computed: ComputedChanges, options: PolicyOptions): PolicyContext {
  const { live, after } = computed;
  return {
    desired,
    live,
    after,
    accounts: accountsOn(desired, options.instanceName),
    today: options.today,
    dependents: options.dependents ?? NO_DEPENDENTS,
    instance: live.instance,
    rolesBefore: rolesLookup(live),
    rolesAfter: rolesLookup(after),
  };
}
