import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { formatDiagnostic } from '../diagnostics.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderText } from '../render/text.js';
import { hasBlockingFindings } from '../planner/plan.js';
import { writeFileAtomic } from '../files/write-atomic.js';
import { beforeInterrupt, INTERRUPTED, interruptedBeforeWriting } from './interrupt.js';
import { EXIT, type Command } from './command.js';
import { computePlan } from './compute-plan.js';
import { formatOption, PLAN_OPTIONS, planInputs } from './options.js';

const FORMATS = ['text', 'markdown', 'json'] as const;

const usage = `Usage: snac plan [--dir accounts] [--instance name | --instance-url URL]
                 [--format text|markdown|json] [--out plan.json] [--base-dir DIR] [--allow CODE]...

Reads the declarations and the live instance, and shows what applying them would change,
what it would break, and what is unsafe. Never writes to the instance.

Options:
  --dir <dir>           the declarations (default: accounts); snac.yaml is read next to it
  --config <file>       snac.yaml elsewhere
  --instance <name>     an instance declared in snac.yaml (default: the only one)
  --instance-url <url>  a one-off instance; credentials from SNAC_USERNAME / SNAC_PASSWORD
                        (or SNAC_CLIENT_ID / SNAC_CLIENT_SECRET for OAuth)
  --format <f>          text (default), markdown (the PR comment) or json (the canonical plan)
  --out <file>          also write the canonical JSON plan here (for snac apply --plan)
  --base-dir <dir>      the declarations before this change (the PR's base): changes they
                        would have made too are shown as drift, made on the instance by hand
  --allow <code>        let a safety finding pass (shown as a warning); repeatable
  --page-size <n>       rows per Table API page (default 1000)

Exit codes: 0 no changes, 2 changes to apply, 1 error or a blocking finding.`;

export const planCommand: Command = {
  name: 'plan',
  summary: 'show what applying the declarations would change on an instance',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...PLAN_OPTIONS, format: { type: 'string' }, out: { type: 'string' }, 'base-dir': { type: 'string' } },
      strict: true,
    });
    const format = formatOption(values.format, FORMATS);
    const outcome = await beforeInterrupt(io, computePlan(io, {
      ...planInputs(values, io.cwd),
      ...(values['base-dir'] === undefined ? {} : { baseDir: resolve(io.cwd, values['base-dir']) }),
    }));
    if (outcome === INTERRUPTED) {
      io.stderr.write(interruptedBeforeWriting('plan'));
      return EXIT.interrupted;
    }
    if (outcome.kind === 'invalid') {
      for (const d of outcome.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      io.stderr.write(`snac plan: the declarations have ${outcome.diagnostics.filter((d) => d.severity === 'error').length} error(s); nothing was read from the instance\n`);
      return EXIT.error;
    }
    const { plan, target } = outcome;
    const color = Boolean(io.stdout.isTTY) && !io.env['NO_COLOR'];
    const instanceName = target.name ?? target.host;
    const rendered =
      format === 'json' ? renderJson(plan) : format === 'markdown' ? renderMarkdown(plan, { instanceName }) : renderText(plan, { color, instanceName });
    io.stdout.write(rendered);
    if (values.out !== undefined) await writeFileAtomic(resolve(io.cwd, values.out), renderJson(plan));

    if (hasBlockingFindings(plan)) return EXIT.error;
    return plan.changes.length > 0 ? EXIT.changes : EXIT.ok;
  },
};
