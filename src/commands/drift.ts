import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../diagnostics.js';
import { runUrl } from '../github/context.js';
import { reconcileDriftIssue } from '../github/drift-issue.js';
import { driftItems, renderDriftIssue, renderDriftMarkdown } from '../github/drift-report.js';
import { appendStepSummary } from '../github/summary.js';
import type { LiveState } from '../kinds/live.js';
import type { Plan } from '../plan/change.js';
import { readPlanFile } from '../plan/read-plan.js';
import { renderDriftText } from '../render/drift-text.js';
import { EXIT, type Command } from './command.js';
import { computePlan } from './compute-plan.js';
import { formatOption, PLAN_OPTIONS, planInputs } from './options.js';
import { beforeInterrupt, INTERRUPTED, interruptedBeforeWriting } from './interrupt.js';
import { openGitHub } from './github-session.js';

const usage = `Usage: snac drift [--dir accounts] [--instance name | --instance-url URL] [--format text|markdown|github]
       snac drift --plan plan.json [--instance name]

Plans the declarations against the instance; any change is drift, made on the instance outside
snac. On a terminal (text, the default outside GitHub Actions) or as markdown it prints what
differs, who last changed each record and when; no GitHub token is needed. In a scheduled
workflow (github, the default in GitHub Actions) it keeps one GitHub issue per instance:
opened when drift appears, updated while it lasts, reopened if it comes back, closed when it
is gone. Never writes to the instance.

Options:
  --format <format>     text, markdown (to stdout) or github (the drift issue)
  --plan <file>         report a plan made earlier instead (who and when are then not known)
  --dir, --config, --instance, --instance-url, --allow, --page-size   as for snac plan

Environment (github format): GITHUB_TOKEN (issues: write), GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_RUN_ID,
GITHUB_STEP_SUMMARY, and the instance's credentials as for snac plan.

Exit codes: 0 no drift, 2 drift found and reported, 1 error, 130 interrupted.`;

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
        format: { type: 'string' },
      },
      strict: true,
    });
    const format = formatOption(values.format, io.env['GITHUB_ACTIONS'] === 'true' ? ['github', 'text', 'markdown'] : ['text', 'markdown', 'github']);
    let plan: Plan;
    let live: LiveState | undefined;
    let instanceName = values.instance;
    if (values.plan !== undefined) {
      plan = await readPlanFile(resolve(io.cwd, values.plan));
    } else {
      const outcome = await beforeInterrupt(io, computePlan(io, planInputs(values, io.cwd)));
      if (outcome === INTERRUPTED) {
        io.stderr.write(interruptedBeforeWriting('drift'));
        return EXIT.interrupted;
      }
      if (outcome.kind === 'invalid') {
        for (const d of outcome.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
        io.stderr.write('snac drift: the declarations are invalid; nothing was read from the instance\n');
        return EXIT.error;
      }
      ({ plan, live } = outcome);
      instanceName ??= outcome.target.name;
    }
    const name = instanceName ?? plan.instance;
    if (format !== 'github') {
      const items = driftItems(plan.changes, live);
      io.stdout.write(format === 'text' ? renderDriftText(name, plan.instance, items) : items.length === 0 ? `No drift on ${name}: the instance matches the declarations.\n` : renderDriftMarkdown(name, plan.instance, items));
      return items.length === 0 ? EXIT.ok : EXIT.changes;
    }
    const drift = plan.changes.length === 0 ? undefined : renderDriftIssue(name, plan.instance, driftItems(plan.changes, live));

    const { context, client } = await openGitHub(io);
    const result = await reconcileDriftIssue(client, name, drift, runUrl(context));
    await appendStepSummary(context.stepSummary, drift?.body ?? `No drift on ${name}: the instance matches the declarations.`);
    const said = result.kind === 'none' ? 'no drift, no open drift issue' : `drift issue ${result.kind} (${result.url})`;
    io.stdout.write(`snac drift: ${name}: ${plan.changes.length === 1 ? '1 change differs' : `${plan.changes.length} changes differ`}; ${said}\n`);
    return drift === undefined ? EXIT.ok : EXIT.changes;
  },
};
