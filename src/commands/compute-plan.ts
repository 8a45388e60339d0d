import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { loadProject } from '../config/index.js';
import { readDependents } from '../impact/read-dependents.js';
import { readLive, selectionFor } from '../kinds/read-live.js';
import type { DesiredState } from '../kinds/desired.js';
import type { LiveState } from '../kinds/live.js';
import type { Plan } from '../plan/change.js';
import { plan, type PlanContext } from '../planner/plan.js';
import { createTableApi, type TableApi } from '../servicenow/index.js';
import type { CommandIo } from './command.js';
import { pageProgress } from './progress.js';
import { resolveTarget, type Target, type TargetFlags } from './target.js';

/** Who reads the instance: the user signed in, else the reconciler snac.yaml names. */
function readAs(target: Target): { readAs?: string } {
  const who = target.signedInAs ?? target.reconciler;
  return who === undefined ? {} : { readAs: who };
}

export interface ComputePlanOptions {
  readonly dir: string;
  readonly configFile?: string;
  readonly baseDir?: string;
  readonly target: TargetFlags;
  readonly allow: readonly string[];
  readonly pageSize?: number;
  /** The longest wait for the instance's rate limit (Retry-After) before a request fails instead. */
  readonly maxWaitMs?: number;
}

export type PlanOutcome =
  | { readonly kind: 'invalid'; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly kind: 'planned';
      readonly plan: Plan;
      /** How it was planned: apply plans again after writing with the same context. */
      readonly context: PlanContext;
      readonly desired: DesiredState;
      readonly live: LiveState;
      readonly target: Target;
      readonly api: TableApi;
    };

/**
 * The glue of `snac plan` (and of apply, which plans again before writing): load and validate
 * the declarations, resolve the instance, read it, plan. Invalid declarations stop it before
 * any request is made.
 */
export async function computePlan(io: CommandIo, options: ComputePlanOptions): Promise<PlanOutcome> {
  const project = await loadProject({ dir: options.dir, ...(options.configFile === undefined ? {} : { configFile: options.configFile }) });
  if (project.desired === undefined) return { kind: 'invalid', diagnostics: project.diagnostics };
  const desired = project.desired;
  for (const warning of project.diagnostics) io.stderr.write(`${formatDiagnostic(warning)}\n`);

  let base: DesiredState | undefined;
  if (options.baseDir !== undefined) {
    const loaded = await loadProject({ dir: options.baseDir });
    base = loaded.desired;
    if (base === undefined) io.stderr.write(`warning: the base declarations in ${options.baseDir} do not load; drift cannot be told apart from this change\n`);
  }

  const target = resolveTarget(desired.config, options.target, io.env);
  const progress = pageProgress(io);
  const api = createTableApi({
    url: target.url,
    credentials: target.credentials,
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(io.transport?.timeouts === undefined ? {} : { timeouts: io.transport.timeouts }),
    retry: { ...io.transport?.retry, ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }) },
    ...(progress === undefined ? {} : { onPage: progress.onPage }),
  });
  if (progress) io.stderr.write(`Reading ${target.name ?? target.host} (${target.host})…\n`);
  const reader = api;
  const paging = options.pageSize === undefined ? {} : { pageSize: options.pageSize };
  const [live, dependents] = await Promise.all([
    readLive(reader, selectionFor(desired), { instance: target.host, ...paging, ...readAs(target) }),
    readDependents(reader, paging),
  ]);
  if (progress) {
    progress.done();
    io.stderr.write(`  ${api.log.summary()}\n`);
  }

  const context: PlanContext = {
    ...(target.name === undefined ? {} : { instanceName: target.name }),
    ...(target.reconciler === undefined ? {} : { reconciler: target.reconciler }),
    ...(target.signedInAs === undefined ? {} : { signedInAs: target.signedInAs }),
    ...(base === undefined ? {} : { base }),
    allow: options.allow,
    today: new Date().toISOString().slice(0, 10),
    dependents,
  };
  return { kind: 'planned', plan: plan(desired, live, context), context, desired, live, target, api };
}
