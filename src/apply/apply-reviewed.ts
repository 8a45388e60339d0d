import { describeError } from '../diagnostics.js';
import { readLive, selectionFor } from '../kinds/read-live.js';
import type { DesiredState } from '../kinds/desired.js';
import type { LiveState } from '../kinds/live.js';
import type { Change, Finding, Plan } from '../plan/change.js';
import { hasBlockingFindings, plan, type PlanContext } from '../planner/plan.js';
import type { TableApi } from '../servicenow/index.js';
import { applyChanges, type ApplyReport } from './apply.js';
import type { ItemResult } from './execute.js';
import type { Journal } from './journal.js';
import { acquireApplyLock, type HeldBy, type LockOptions } from './lock.js';
import { alreadyInPlace, staleFindings } from './stale.js';

export interface ApplyReviewedInput {
  /** The plan a person reviewed (with --auto-approve, the fresh plan itself). */
  readonly reviewed: Plan;
  readonly desired: DesiredState;
  readonly api: TableApi;
  readonly journal: Journal;
  /** How the fresh plan and the re-plan after writing are made (reconciler, allow, …). */
  readonly planOptions: PlanContext;
  /**
   * Take the instance's advisory apply lock (lock.ts) for the whole run: the fresh plan is then
   * read after the lock is held, so `fresh` is not used.
   */
  readonly lock?: LockOptions;
  /** The fresh plan and the live state it came from, when the caller has just planned (no lock). */
  readonly fresh?: { readonly plan: Plan; readonly live: LiveState };
  readonly pageSize?: number;
  /** Once aborted, no new write starts; the writes in flight finish and are journaled. */
  readonly signal?: AbortSignal;
  readonly concurrency?: number;
  readonly batchSize?: number;
  /** Called once the checks passed, just before the first write. */
  readonly beforeWrites?: (fresh: Plan) => void;
  readonly onItem?: (change: Change, result: ItemResult) => void;
}

export type Refusal = 'locked' | 'other-instance' | 'blocking-findings' | 'stale';

export type ApplyReviewedResult =
  | {
      readonly kind: 'refused';
      readonly reason: Refusal;
      /** What to print: the blocking findings, or why the plan is stale. */
      readonly findings: readonly Finding[];
      readonly message: string;
      /** Who holds the apply lock, when the refusal is 'locked'. */
      readonly lockedBy?: HeldBy;
    }
  | {
      readonly kind: 'applied';
      readonly fresh: Plan;
      readonly report: ApplyReport;
      /** Reviewed changes already in place before writing (a resumed or partly applied plan). */
      readonly alreadyInPlace: number;
      /** What a fresh plan still shows after writing; undefined when that re-read failed. */
      readonly remaining: readonly Change[] | undefined;
      /** Why the re-read after writing failed. */
      readonly reReadError?: string;
      /**
       * The instance's rate limit stopped the apply. No re-read was made: `remaining` lists the
       * changes not confirmed written, and running the same apply after `resumeAfter` finishes them.
       */
      readonly rateLimited?: { readonly resumeAfter?: string };
    };

/**
 * Apply a reviewed plan, the way `snac apply`, the fault and kill suites and the bench all do:
 * take the instance's apply lock (when asked); plan again against the instance; refuse (writing nothing) when the plan was made for another
 * instance, has blocking findings, or no longer matches the instance; write the changes,
 * journaled; then read again and plan once more to tell whether the instance converged.
 */
export async function applyReviewedPlan(input: ApplyReviewedInput): Promise<ApplyReviewedResult> {
  if (input.lock === undefined) return applyUnlocked(input, input.fresh);
  const taken = await acquireApplyLock(input.api, input.lock);
  if (taken.kind === 'held') {
    const { holder, run, expires } = taken.by;
    const message = `another snac apply holds the apply lock on ${input.api.instance} (${holder}, run ${run}, until ${expires}): wait for it to finish and run again, or, if its holder is gone, run snac apply --force-unlock`;
    return { kind: 'refused', reason: 'locked', findings: [], message, lockedBy: taken.by };
  }
  try {
    return await applyUnlocked(input, undefined);
  } finally {
    await taken.lock.release();
  }
}

async function applyUnlocked(input: ApplyReviewedInput, planned: ApplyReviewedInput['fresh']): Promise<ApplyReviewedResult> {
  const { reviewed, desired, api, journal } = input;
  const readAndPlan = async () => {
    const live = await readLive(api, selectionFor(desired), { instance: api.instance, ...(input.pageSize === undefined ? {} : { pageSize: input.pageSize }) });
    return { live, plan: plan(desired, live, input.planOptions) };
  };
  const fresh = planned ?? (await readAndPlan());

  if (reviewed.instance !== fresh.plan.instance) {
    return { kind: 'refused', reason: 'other-instance', findings: [], message: `the plan was made for ${reviewed.instance}, not ${fresh.plan.instance}` };
  }
  if (hasBlockingFindings(fresh.plan)) {
    return { kind: 'refused', reason: 'blocking-findings', findings: fresh.plan.findings.filter((f) => f.blocking), message: 'the plan has blocking findings' };
  }
  const stale = staleFindings(reviewed, fresh.plan, fresh.live);
  if (stale.length > 0) return { kind: 'refused', reason: 'stale', findings: stale, message: 'the plan is stale' };

  input.beforeWrites?.(fresh.plan);
  // The fresh plan is the reviewed one, or the reviewed one minus what is already in place:
  // writing it never repeats a write that landed.
  const resumed = alreadyInPlace(reviewed, fresh.plan);
  const report = await applyChanges(api, fresh.plan.changes, fresh.live, {
    planHash: reviewed.planHash,
    journal,
    ...(input.concurrency === undefined ? {} : { concurrency: input.concurrency }),
    ...(input.batchSize === undefined ? {} : { batchSize: input.batchSize }),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
    ...(input.onItem === undefined ? {} : { onItem: input.onItem }),
  });
  if (report.rateLimited || input.signal?.aborted === true) {
    // Reading the instance again would only meet the same limit, or start requests after the
    // user asked to stop: what was not written is what remains.
    const remaining = report.items.filter((i) => i.result.outcome !== 'ok' && i.result.outcome !== 'adopted').map((i) => i.change);
    return { kind: 'applied', fresh: fresh.plan, report, alreadyInPlace: resumed, remaining, ...(report.rateLimited ? { rateLimited: report.rateLimited } : {}) };
  }
  try {
    const after = await readAndPlan();
    return { kind: 'applied', fresh: fresh.plan, report, alreadyInPlace: resumed, remaining: after.plan.changes };
  } catch (error) {
    return { kind: 'applied', fresh: fresh.plan, report, alreadyInPlace: resumed, remaining: undefined, reReadError: describeError(error) };
  }
}
