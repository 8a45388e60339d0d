import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadProject, projectRoot } from '../config/index.js';
import { formatDiagnostic } from '../diagnostics.js';
import { diagnosticAnnotation, workflowCommand } from '../github/annotations.js';
import { offlinePolicyFindings } from '../policy/policy.js';
import { EXIT, UsageError, type Command } from './command.js';

const usage = `Usage: snac validate [--dir accounts] [--config snac.yaml] [--format text|github]

Checks the declarations without contacting any instance: YAML syntax, each document against
its kind's JSON Schema (schemas/), and the rules that span files (duplicate keys, unknown
groups, roles and instances, owners that are not people, accounts the scope excludes), and
the policy rules that need no instance (an owner and a purpose, non-interactive, forbidden and
privileged roles the declarations grant, expiry).
Every problem is reported, each with its file, line and column.

Options:
  --dir <dir>        the declarations (default: accounts)
  --config <file>    snac.yaml (default: snac.yaml next to the declarations directory)
  --format <format>  text (default): file:line:col severity [code] message
                     github: workflow commands that annotate the lines of a pull request

Exit codes: 0 valid (warnings allowed), 1 at least one error.`;

type Format = 'text' | 'github';

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check the declarations and snac.yaml (offline): syntax, schemas, references',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { dir: { type: 'string' }, config: { type: 'string' }, format: { type: 'string' } },
      strict: true,
    });
    const format = (values.format ?? 'text') as Format;
    if (format !== 'text' && format !== 'github') throw new UsageError(`--format must be text or github, got "${values.format}"`);
    const dir = resolve(io.cwd, values.dir ?? 'accounts');
    const project = await loadProject({ dir, ...(values.config === undefined ? {} : { configFile: resolve(io.cwd, values.config) }) });

    // The policy rules that need no instance run here too, so a pull request learns of them before any plan.
    const policy = project.desired === undefined ? [] : offlinePolicyFindings(project.desired, new Date().toISOString().slice(0, 10));
    // Places are relative to the project root; people read them relative to where they are.
    const root = projectRoot(dir);
    const shown = [...project.diagnostics, ...policy.map(({ blocking: _blocking, ...d }) => d)].map((d) => (d.at ? { ...d, at: { ...d.at, file: relative(io.cwd, resolve(root, d.at.file)) } } : d));
    for (const d of shown) io.stdout.write(`${format === 'github' ? workflowCommand(diagnosticAnnotation(d)) : formatDiagnostic(d)}\n`);

    const errors = shown.filter((d) => d.severity === 'error').length;
    const warnings = shown.length - errors;
    const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
    if (project.desired && errors === 0) {
      const { records: { ServiceAccount: accounts, Group: groups, Role: roles, SecuritySettings: properties } } = project.desired;
      const declared = [plural(accounts.length, 'service account'), plural(groups.length, 'group'), plural(roles.length, 'role'), plural(properties.length, 'property', 'properties')];
      io.stdout.write(`snac validate: valid (${declared.join(', ')}; ${counts})\n`);
      return EXIT.ok;
    }
    io.stdout.write(`snac validate: ${counts}; nothing is valid until every error is fixed\n`);
    return EXIT.error;
  },
};
