import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { nothingAt } from '../files/nothing-at.js';
import { writeFileAtomic } from '../files/write-atomic.js';
import { initFiles } from '../init/project-files.js';
import { actionReference } from '../package/package-info.js';
import { EXIT, UsageError, type Command } from './command.js';
import { hostOf } from './target.js';

const usage = `Usage: snac init (--instance NAME | --instance-url URL) [options]

Sets up a repository to manage ServiceNow service accounts with snac: snac.yaml (the
instance, what snac manages, safety limits), accounts/ with a README and the marker group,
GitHub workflows (plan on pull requests, apply on merge, drift every morning) that use the
released snac action, and CODEOWNERS. Files that exist are left alone unless --force.

Options:
  --instance <name>        the instance https://<name>.service-now.com, named <name>
  --instance-url <url>     the instance's URL; named after its first host label
  --name <name>            the instance's name in snac.yaml (default: from the URL)
  --reconciler <user>      snac's own account on the instance (default: svc_snac)
  --marker-group <name>    the group whose members snac manages (default: "snac managed accounts")
  --owners <@org/team>     who must review changes, for CODEOWNERS (default: @your-org/servicenow-admins)
  --branch <name>          the branch merges apply from (default: the repository's current branch, else main)
  --force                  overwrite files that exist`;

const NAME = /^[a-z][a-z0-9_-]*$/;

function instanceOf(values: { instance?: string | undefined; 'instance-url'?: string | undefined; name?: string | undefined }): { name: string; url: string } {
  if (values.instance !== undefined && values['instance-url'] !== undefined) throw new UsageError('give --instance or --instance-url, not both');
  if (values.instance === undefined && values['instance-url'] === undefined) {
    throw new UsageError('name the instance: --instance NAME for https://NAME.service-now.com, or --instance-url URL');
  }
  const url = values['instance-url']?.replace(/\/+$/, '') ?? `https://${values.instance}.service-now.com`;
  const host = hostOf(url);
  const name = values.name ?? values.instance ?? (host.split('.')[0] ?? '').toLowerCase().replace(/[^a-z0-9_-]/g, '-');
  if (!NAME.test(name)) throw new UsageError(`"${name}" cannot name an instance (lower-case letters, digits, - and _, starting with a letter): pass --name`);
  return { name, url };
}

/** The branch a fresh repository is on, from .git/HEAD; main when there is none. */
function currentBranch(root: string): string {
  try {
    return /^ref: refs\/heads\/(.+)$/m.exec(readFileSync(join(root, '.git', 'HEAD'), 'utf8'))?.[1] ?? 'main';
  } catch {
    return 'main';
  }
}

export const initCommand: Command = {
  name: 'init',
  summary: 'set up a repository: snac.yaml, accounts/, GitHub workflows, CODEOWNERS',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        instance: { type: 'string' },
        'instance-url': { type: 'string' },
        name: { type: 'string' },
        reconciler: { type: 'string' },
        'marker-group': { type: 'string' },
        owners: { type: 'string' },
        branch: { type: 'string' },
        force: { type: 'boolean' },
      },
      strict: true,
    });
    const instance = instanceOf(values);
    const root = io.cwd;
    const files = initFiles({
      root,
      instance,
      reconciler: values.reconciler ?? 'svc_snac',
      markerGroup: values['marker-group'] ?? 'snac managed accounts',
      owners: values.owners ?? '@your-org/servicenow-admins',
      action: actionReference(),
      branch: values.branch ?? currentBranch(root),
    });
    const written: string[] = [];
    const kept: string[] = [];
    for (const file of files) {
      const path = resolve(root, file.path);
      // Anything at the path is left alone, a link to nothing too: only --force replaces it.
      if (!(await nothingAt(path)) && values.force !== true) {
        kept.push(file.path);
        continue;
      }
      await writeFileAtomic(path, file.text);
      written.push(file.path);
    }
    const lines = [`snac init: wrote ${written.length === 0 ? 'nothing' : written.join(', ')}`];
    if (kept.length > 0) lines.push(`  left alone (they exist; --force overwrites): ${kept.join(', ')}`);
    lines.push(
      'Next:',
      `  1. Give snac a read-only account on ${instance.name} and export its credentials: export SNAC_USERNAME=... SNAC_PASSWORD=...`,
      `  2. npx snac import --instance ${instance.name} --account <user_name>   declarations for the accounts you adopt first`,
      `  3. npx snac plan --instance ${instance.name}, then commit on a branch and open a pull request (README: "Setting snac up in a repository")`,
    );
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
};
