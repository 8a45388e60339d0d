import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadProject } from '../config/index.js';
import { formatDiagnostic } from '../diagnostics.js';
import { writeFileAtomic } from '../files/write-atomic.js';
import { importDocuments } from '../import/documents.js';
import { readLive, selectionFor } from '../kinds/read-live.js';
import { readRecordsByKey } from '../kinds/read-rows.js';
import { RECORD_KINDS } from '../kinds/registry.js';
import { createTableApi } from '../servicenow/index.js';
import { EXIT, type Command } from './command.js';
import { INSTANCE_OPTIONS, pageSizeOption } from './options.js';
import { resolveTarget } from './target.js';

const usage = `Usage: snac import [--dir accounts] [--instance name | --instance-url URL] [--force]

Writes declarations for what an instance already holds: one file per service account in
scope that accounts/ does not declare yet, per group those accounts belong to, and per custom
role (u_*, x_*) they hold. Planning them against the same instance shows no change, so a team
can adopt snac without touching a single account; the plan's policy findings then say what to
fix (owners, purposes, interactive accounts). Nothing is written to the instance.

Options:
  --dir, --config, --instance, --instance-url, --page-size   as for snac plan
  --force                overwrite files that exist (default: leave them alone)`;

export const importCommand: Command = {
  name: 'import',
  summary: 'write declarations for the accounts an instance already holds',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { ...INSTANCE_OPTIONS, force: { type: 'boolean' } }, strict: true });
    const dir = resolve(io.cwd, values.dir ?? 'accounts');
    await mkdir(dir, { recursive: true });
    const project = await loadProject({ dir, ...(values.config === undefined ? {} : { configFile: resolve(io.cwd, values.config) }) });
    if (project.desired === undefined) {
      for (const d of project.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      io.stderr.write('snac import: fix the declarations that are already there first; nothing was written\n');
      return EXIT.error;
    }
    const desired = project.desired;
    const target = resolveTarget(desired.config, { instance: values.instance, instanceUrl: values['instance-url'] }, io.env);
    const pageSize = pageSizeOption(values['page-size']);
    const api = createTableApi({ url: target.url, credentials: target.credentials, ...(pageSize === undefined ? {} : { pageSize }) });
    const live = await readLive(api, selectionFor(desired), { instance: target.host, ...(pageSize === undefined ? {} : { pageSize }) });
    const groupNames = new Set(live.links.Membership.map((m) => m.to));
    const groups = await readRecordsByKey(api, RECORD_KINDS.Group, groupNames, pageSize === undefined ? {} : { pageSize });

    const result = importDocuments({
      live,
      groups,
      instance: target.name ?? target.host,
      declared: {
        accounts: new Set(desired.accounts.map((a) => a.key)),
        groups: new Set(desired.groups.map((g) => g.key)),
        roles: new Set(desired.roles.map((r) => r.key)),
      },
    });
    let written = 0;
    const kept: string[] = [];
    for (const file of result.files) {
      const path = join(dir, file.path);
      if (existsSync(path) && values.force !== true) {
        kept.push(relative(io.cwd, path));
        continue;
      }
      await writeFileAtomic(path, file.text);
      written += 1;
    }
    const shown = relative(io.cwd, dir) || '.';
    io.stdout.write(`snac import: wrote ${written} file${written === 1 ? '' : 's'} under ${shown}/ from ${target.host}\n`);
    if (kept.length > 0) io.stdout.write(`  left alone (they exist; --force overwrites): ${kept.join(', ')}\n`);
    if (result.shippedRoles.length > 0) {
      io.stdout.write(`  these roles come with the instance, not with snac's baseline list; add them to snac.yaml:\n    known_roles: [${result.shippedRoles.join(', ')}]\n`);
    }
    io.stdout.write('Next: snac validate, then snac plan (it shows no change to the accounts; its findings say what to fix).\n');
    return EXIT.ok;
  },
};
