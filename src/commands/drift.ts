import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../diagnostics.js';
import { runUrl } from '../github/context.js';
import { reconcileDriftIssue } from '../github/drift-issue.js';
import { driftItems, renderDriftIssue } from '../github/drift-report.js';
import { appendStepSummary } from '../github/summary.js';
import type { LiveState } from '../kinds/live.js';
import type { Plan } from '../plan/change.js';
import { readPlanFile } from '../plan/read-plan.js';
import { EXIT, type Command } from './command.js';
import { computePlan } from './compute-plan.js';
import { PLAN_OPTIONS, planInputs } from './options.js';
import { openGitHub } from './github-session.js';

const usage = `Usage: snac drift [--dir accounts] [--instance name | --instance-url URL]
       snac drift --plan plan.json [--instance name]

For a scheduled workflow: plans the declarations (of the default branch) against the instance;
any change is drift, made on the instance outside snac. Keeps one GitHub issue per instance:
opened when drift appears (what differs, who last changed each record and when), updated
while it lasts, reopened if it comes back, closed when it is gone. Never writes to the instance.

Options:
  --plan <file>         report a plan made earlier instead (who and when are then not known)
  --dir, --config, --instance, --instance-url, --allow, --page-size   as for snac plan

Environment: GITHUB_TOKEN (issues: write), GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_RUN_ID,
GITHUB_STEP_SUMMARY, and the instance's credentials as for snac plan.

Exit codes: 0 no drift, 2 drift found and reported, 1 error.`;

export const driftCommand: Command = {
  name: 'drift',
  summary: 'report drift on an instance as one GitHub issue, closed when it is gone',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        ...PLAN_OPTIONS,
        plan: { type: 'string' },
      },
      strict: true,
    });
    let plan: Plan;
    let live: LiveState | undefined;
    let instanceName = values.instance;
    if (values.plan !== undefined) {
      plan = await readPlanFile(resolve(io.cwd, values.plan));
    } else {
      const outcome = await computePlan(io, planInputs(values, io.cwd));
      if (outcome.kind === 'invalid') {
        for (const d of outcome.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
        io.stderr.write('snac drift: the declarations are invalid; nothing was read from the instance\n');
        return EXIT.error;
      }
      ({ plan, live } = outcome);
      instanceName ??= outcome.target.name;
    }
    const name = instanceName ?? plan.instance;
    const drift = plan.changes.length === 0 ? undefined : renderDriftIssue(name, plan.instance, driftItems(plan.changes, live));

    const { context, client } = await openGitHub(io);
    const result = await reconcileDriftIssue(client, name, drift, runUrl(context));
    await appendStepSummary(context.stepSummary, drift?.body ?? `No drift on ${name}: the instance matches the declarations.`);
    const said = result.kind === 'none' ? 'no drift, no open drift issue' : `drift issue ${result.kind} (${result.url})`;
    io.stdout.write(`snac drift: ${name}: ${plan.changes.length === 1 ? '1 change differs' : `${plan.changes.length} changes differ`}; ${said}\n`);
    return drift === undefined ? EXIT.ok : EXIT.changes;
  },
};
