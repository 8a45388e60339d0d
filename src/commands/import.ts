import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadProject, projectRoot } from '../config/index.js';
import { formatDiagnostic } from '../diagnostics.js';
import { nothingAt } from '../files/nothing-at.js';
import { writeFileAtomic } from '../files/write-atomic.js';
import { addToConfig } from '../import/config-file.js';
import { importedDebt } from '../import/debt.js';
import { groupsToImport, importDocuments } from '../import/documents.js';
import { markerGroupFile, snacYaml } from '../init/project-files.js';
import { readLive, selectionFor } from '../kinds/read-live.js';
import { clientsOfAccountsQueries } from '../kinds/oauth-client.js';
import { readRecordsByKey, readRows } from '../kinds/read-rows.js';
import { RECORD_KINDS } from '../kinds/registry.js';
import { accountScope } from '../model/scope.js';
import { schemaLine } from '../package/schema-ref.js';
import { createTableApi } from '../servicenow/index.js';
import { EXIT, type Command, type CommandIo } from './command.js';
import { computePlan } from './compute-plan.js';
import { INSTANCE_OPTIONS, pageSizeOption } from './options.js';
import { hostOf, resolveTarget } from './target.js';
import { naturalKey } from '../model/keys.js';

const usage = `Usage: snac import [--account user_name]... [--prefix svc_]... [--instance name | --instance-url URL] [--force]

Writes declarations for what an instance already holds: one file per service account adopted
(those --account names, those --prefix selects, and those snac.yaml's scope selects) that
accounts/ does not declare yet, per group they belong to, per custom role (u_*, x_*) they
hold, and per OAuth client acting as one of them (its secret stays on the instance). Each account lists snac.yaml's marker group, so deleting its file later deactivates it.
Nothing is written to the instance.

It also keeps the first plan green: roles the instance ships beyond snac's baseline go to
snac.yaml's known_roles, and the policy rules the adopted accounts already break are recorded
there as dated debt (policy.rules.<rule>.debt): warnings until fixed, while new breaches block.
Without a snac.yaml it writes one first (as snac init does) for the --instance-url given.

Options:
  --account <user_name>  adopt this account (repeatable)
  --prefix <prefix>      adopt every account whose user_name starts with it (repeatable)
  --dir, --config, --instance, --instance-url, --page-size   as for snac plan
  --force                overwrite files that exist (default: leave them alone)`;

const MARKER_GROUP = 'snac managed accounts';

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/** snac.yaml for an import that has none: the instance --instance-url names, and a marker group scope. */
async function writeConfig(io: CommandIo, configFile: string, root: string, url: string | undefined): Promise<boolean> {
  if (url === undefined) {
    io.stderr.write(`snac import: there is no ${relative(io.cwd, configFile)} to name the instance: run snac init --instance NAME first, or pass --instance-url URL\n`);
    return false;
  }
  const name = (hostOf(url).split('.')[0] ?? '').toLowerCase().replace(/[^a-z0-9_-]/g, '-').replace(/^[^a-z]+/, '') || 'instance';
  const reconciler = io.env['SNAC_RECONCILER'] ?? 'svc_snac';
  await writeFileAtomic(configFile, snacYaml({ root, instance: { name, url }, reconciler, markerGroup: MARKER_GROUP }));
  return true;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'write declarations for the accounts an instance already holds',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...INSTANCE_OPTIONS, force: { type: 'boolean' }, account: { type: 'string', multiple: true }, prefix: { type: 'string', multiple: true } },
      strict: true,
    });
    const dir = resolve(io.cwd, values.dir ?? 'accounts');
    const root = projectRoot(dir);
    const configFile = values.config === undefined ? join(root, 'snac.yaml') : resolve(io.cwd, values.config);
    const written: string[] = [];
    // Only when nothing is there: a snac.yaml that cannot be read is reported by loadProject, never replaced.
    if (await nothingAt(configFile)) {
      if (!(await writeConfig(io, configFile, root, values['instance-url'] ?? io.env['SNAC_INSTANCE_URL']))) return EXIT.error;
      written.push(relative(io.cwd, configFile));
    }
    await mkdir(dir, { recursive: true });
    const project = await loadProject({ dir, configFile });
    if (project.desired === undefined) {
      for (const d of project.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      io.stderr.write('snac import: fix the declarations that are already there first; nothing was written\n');
      return EXIT.error;
    }
    const desired = project.desired;
    const config = desired.config;
    const target = resolveTarget(config, { instance: values.instance, instanceUrl: values['instance-url'] }, io.env);
    const pageSize = pageSizeOption(values['page-size']);
    const paging = pageSize === undefined ? {} : { pageSize };
    const api = createTableApi({ url: target.url, credentials: target.credentials, ...paging });
    const named = (values.account ?? []).map(naturalKey);
    const base = selectionFor(desired);
    const scope = accountScope({ ...config.scope, userNamePrefixes: [...config.scope.userNamePrefixes, ...(values.prefix ?? [])] }, [...base.scope.declared, ...named]);
    const live = await readLive(api, { ...base, scope }, { instance: target.host, ...paging });
    const groupNames = groupsToImport(live);
    const groups = await readRecordsByKey(api, RECORD_KINDS.Group, groupNames, paging);

    const clients = RECORD_KINDS.OAuthClient;
    const clientRows = await readRows(api, clients.table, clientsOfAccountsQueries(live.records.ServiceAccount.map((a) => a.key)), clients.readFields, paging);
    const declared = new Set(desired.records.ServiceAccount.map((a) => a.key));
    const result = importDocuments({
      oauthClients: clientRows.map((row) => clients.live(row)),
      declaredClients: new Set(desired.records.OAuthClient.map((c) => c.key)),
      live,
      groups,
      instance: target.name ?? target.host,
      declared: { accounts: declared, groups: new Set(desired.records.Group.map((g) => g.key)), roles: new Set(desired.records.Role.map((r) => r.key)) },
      schemaLine: (path, schema) => schemaLine(join(dir, path), root, schema),
      ...(config.scope.markerGroup === undefined ? {} : { markerGroup: config.scope.markerGroup }),
    });
    const marker = config.scope.markerGroup;
    const files = [...result.files.map((f) => ({ path: join(dir, f.path), text: f.text }))];
    if (marker !== undefined && !desired.records.Group.some((g) => g.key === naturalKey(marker)) && !groupNames.has(naturalKey(marker))) {
      const file = markerGroupFile(root, dir, marker);
      files.push({ path: join(root, file.path), text: file.text });
    }
    const kept: string[] = [];
    for (const file of files) {
      if (existsSync(file.path) && values.force !== true) {
        kept.push(relative(io.cwd, file.path));
        continue;
      }
      await writeFileAtomic(file.path, file.text);
      written.push(relative(io.cwd, file.path));
    }
    const imported = new Set(live.records.ServiceAccount.map((a) => a.key).filter((k) => !declared.has(k)));
    const lines = [`snac import: wrote ${plural(written.length, 'file')} from ${target.host}${imported.size > 0 ? ` (${plural(imported.size, 'account')} adopted)` : ''}`];
    if (kept.length > 0) lines.push(`  left alone (they exist; --force overwrites): ${kept.join(', ')}`);
    const absent = named.filter((a) => !live.records.ServiceAccount.some((l) => l.key === a));
    if (absent.length > 0) lines.push(`  not on ${target.host}: ${absent.join(', ')} (check the user_name)`);
    if (imported.size === 0) {
      lines.push(named.length + (values.prefix?.length ?? 0) > 0 || config.scope.userNamePrefixes.length > 0
        ? `  nothing new to adopt: every account selected on ${target.host} is declared already`
        : `  nothing selected: snac.yaml's scope names no prefix and its marker group has no member yet; name accounts with --account <user_name> or --prefix <prefix>`);
      io.stdout.write(`${lines.join('\n')}\n`);
      return EXIT.ok;
    }

    // The first plan: roles the instance ships become known, and what the adopted accounts break already becomes debt.
    const since = new Date().toISOString().slice(0, 10);
    await writeFileAtomic(configFile, addToConfig(await readFile(configFile, 'utf8'), { knownRoles: result.shippedRoles, debt: [], since }));
    const planned = await computePlan(io, { dir, configFile, target: { instance: values.instance, instanceUrl: values['instance-url'] }, allow: [], ...paging });
    if (planned.kind === 'invalid') {
      for (const d of planned.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      lines.push('  the declarations do not validate yet: fix what snac validate reports, then run snac plan');
      io.stdout.write(`${lines.join('\n')}\n`);
      return EXIT.error;
    }
    const debt = importedDebt(planned.plan.findings, imported);
    await writeFileAtomic(configFile, addToConfig(await readFile(configFile, 'utf8'), { knownRoles: [], debt, since }));
    const shownConfig = relative(io.cwd, configFile);
    if (result.shippedRoles.length > 0) lines.push(`  ${shownConfig}: known_roles lists the instance's own roles the accounts hold: ${result.shippedRoles.join(', ')}`);
    if (debt.length > 0) {
      lines.push(`  ${shownConfig}: ${plural(debt.length, 'policy breach', 'policy breaches')} the adopted accounts already had recorded as debt (policy.rules.<rule>.debt, dated ${since}): warnings until fixed; new breaches block`);
    }
    const blocking = planned.plan.findings.filter((f) => f.blocking && !debt.some((d) => d.rule === f.code && d.account === f.record?.key));
    if (blocking.length > 0) lines.push(`  ${plural(blocking.length, 'blocking finding')} remain: snac plan shows them with what to do`);
    const instanceFlag = target.name === undefined ? `--instance-url ${target.url}` : `--instance ${target.name}`;
    lines.push(`Next: snac validate, then snac plan ${instanceFlag}; commit on a branch and open a pull request.`);
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
};
