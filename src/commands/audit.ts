import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAudit } from '../audit/audit.js';
import { readAuditInput } from '../audit/read-audit.js';
import { renderAuditJson, renderAuditMarkdown, renderAuditText } from '../audit/render.js';
import { auditFindings } from '../audit/report.js';
import { loadProject } from '../config/index.js';
import { formatDiagnostic } from '../diagnostics.js';
import { createTableApi } from '../servicenow/index.js';
import type { Credentials } from '../servicenow/index.js';
import { EXIT, type Command } from './command.js';
import { formatOption, INSTANCE_OPTIONS, pageSizeOption } from './options.js';
import { pageProgress } from './progress.js';
import { resolveTarget } from './target.js';

const FORMATS: readonly ['text', 'markdown', 'json'] = ['text', 'markdown', 'json'];

const usage = `Usage: snac audit [--dir accounts] [--instance name | --instance-url URL]
                  [--format text|markdown|json]

A health report of the live instance, independent of any change: scheduled jobs, flows and
auth profiles whose run-as user is inactive, locked out, missing or a person; service accounts
in scope that are interactive, unowned or owned by someone who left, privileged, locked out
or close to it; and a permission preflight of snac's own account (which table operations it
may perform, and whether it can change High Security Settings), without writing anything.
The checks are described in docs/policy.md.

Options:
  --dir <dir>           the declarations (default: accounts); snac.yaml is read next to it
  --config <file>       snac.yaml elsewhere
  --instance <name>     an instance declared in snac.yaml (default: the only one)
  --instance-url <url>  a one-off instance; credentials from SNAC_USERNAME / SNAC_PASSWORD
  --format <f>          text (default), markdown or json
  --page-size <n>       rows per Table API page (default 1000)

Exit codes: 0 no findings, 2 findings, 1 error.`;

/** The account snac acts as: snac.yaml or SNAC_RECONCILER, else the user it signs in as. */
function reconcilerOf(named: string | undefined, credentials: Credentials): string | undefined {
  if (named !== undefined) return named;
  return 'username' in credentials ? credentials.username : undefined;
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'report what is unhealthy on an instance now: run-as users, service accounts, snac\'s own rights',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...INSTANCE_OPTIONS, format: { type: 'string' } },
      strict: true,
    });
    const format = formatOption(values.format, FORMATS);
    const pageSize = pageSizeOption(values['page-size']);

    const project = await loadProject({ dir: resolve(io.cwd, values.dir ?? 'accounts'), ...(values.config === undefined ? {} : { configFile: resolve(io.cwd, values.config) }) });
    if (project.desired === undefined) {
      for (const d of project.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      io.stderr.write('snac audit: the declarations have errors; nothing was read from the instance\n');
      return EXIT.error;
    }
    const target = resolveTarget(project.desired.config, { instance: values.instance, instanceUrl: values['instance-url'] }, io.env);
    const progress = pageProgress(io);
    const api = createTableApi({
      url: target.url,
      credentials: target.credentials,
      ...(pageSize === undefined ? {} : { pageSize }),
      ...(progress === undefined ? {} : { onPage: progress.onPage }),
    });
    const reconciler = reconcilerOf(target.reconciler, target.credentials);
    const input = await readAuditInput(api, project.desired, {
      instance: target.host,
      ...(reconciler === undefined ? {} : { reconciler }),
      ...(pageSize === undefined ? {} : { pageSize }),
    });
    progress?.done();
    const report = buildAudit({ ...input, today: new Date().toISOString().slice(0, 10) });
    const named = target.name === undefined ? {} : { instanceName: target.name };
    io.stdout.write(format === 'json' ? renderAuditJson(report) : format === 'markdown' ? renderAuditMarkdown(report, named) : renderAuditText(report, named));
    // Exit 2 means findings here, as it means changes for plan: something to look at.
    return auditFindings(report).length > 0 ? EXIT.changes : EXIT.ok;
  },
};
