import { join, relative, sep } from 'node:path';
import { stringify } from 'yaml';
import { schemaLine } from '../package/schema-ref.js';
import { applyWorkflow, driftWorkflow, planWorkflow } from './workflows.js';

/** A file `snac init` writes, relative to the repository root. */
export interface ProjectFile {
  readonly path: string;
  readonly text: string;
}

/** What snac.yaml and the marker group's declaration are made of (init, and import without a snac.yaml). */
export interface ConfigOptions {
  /** The repository root. */
  readonly root: string;
  readonly instance: { readonly name: string; readonly url: string };
  /** The reconciler's user_name on the instance. */
  readonly reconciler: string;
  /** The group whose members are in scope: accounts join it one at a time. */
  readonly markerGroup: string;
}

export interface InitOptions extends ConfigOptions {
  /** `@org/team` owning privileged paths in CODEOWNERS. */
  readonly owners: string;
  /** `owner/snac@vX.Y.Z`. */
  readonly action: string;
  readonly branch: string;
}

/** A value as one YAML scalar, quoted when it needs to be. */
function scalar(value: string): string {
  return stringify(value).trimEnd();
}

/** A file name for a group: lower case, words joined by '-'. */
export function groupFileName(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'group'}.yaml`;
}

export function snacYaml(o: ConfigOptions): string {
  return `${schemaLine(join(o.root, 'snac.yaml'), o.root, 'snac-config.schema.json')}# snac's configuration: the instances, what snac manages on them, and its safety limits.
# Credentials never go here, only the names of the environment variables that hold them.
instances:
  - name: ${scalar(o.instance.name)}
    url: ${scalar(o.instance.url)}
    auth:
      type: basic
      username_env: SNAC_USERNAME
      password_env: SNAC_PASSWORD
    # snac's own account: no plan ever deactivates it or takes its roles.
    reconciler: ${scalar(o.reconciler)}
scope:
  # snac manages the accounts declared under accounts/ and the members of the marker group.
  # Every declared account lists the group, so deleting its file deactivates it; accounts not
  # declared and not in the group are never touched. Adopt accounts one at a time.
  user_name_prefixes: []
  marker_group: ${scalar(o.markerGroup)}
prune: deactivate
safety:
  max_prunes: 10
  max_change_share: 0.3
  min_admins: 1
policy:
  forbidden_roles: [admin, security_admin]
`;
}

/** The marker group's declaration under `accountsDir` (absolute), so that the plan creates it and accounts can list it. */
export function markerGroupFile(root: string, accountsDir: string, name: string): ProjectFile {
  const path = relative(root, join(accountsDir, 'groups', groupFileName(name))).split(sep).join('/');
  return { path, text: `${schemaLine(join(root, path), root, 'group.schema.json')}# Membership puts a service account in snac's scope (scope.marker_group in snac.yaml).
kind: Group
name: ${scalar(name)}
description: Service accounts managed as code by snac. Membership is granted and removed through snac only.
` };
}

const ACCOUNTS_README = `# Service accounts as code

Each YAML file here declares one thing snac manages on the ServiceNow instances of
\`snac.yaml\`:

- \`service-accounts/<user_name>.yaml\`: a service account (\`kind: ServiceAccount\`): its owner,
  purpose, groups and roles. Accounts are non-interactive (API access only) unless declared
  otherwise with a reason.
- \`groups/<name>.yaml\`: a group (\`kind: Group\`) and the roles it grants its members. Grant
  roles through groups rather than to accounts directly.
- \`roles/<name>.yaml\`: a custom role (\`kind: Role\`, \`u_*\` or \`x_*\`).
- \`security-settings.yaml\`: the instance's High Security Settings (\`kind: SecuritySettings\`).

Each file names its JSON Schema on its first line, so an editor with YAML support checks it as
you type. \`npx snac validate\` checks everything offline; \`npx snac plan\` shows what would
change on an instance. Every kind and field is described in the package's
\`docs/declarations.md\` (\`node_modules/snac/docs/declarations.md\`), and the policy rules in
\`docs/policy.md\`.

To adopt an existing account: \`npx snac import --account <user_name>\` writes its declaration
(with the marker group of \`snac.yaml\` among its groups), and the pull request that adds it
shows what snac would change. Deleting a declaration deactivates the account on merge.
`;

function codeowners(o: InitOptions): string {
  return `# Changes to access need the ServiceNow platform owners: with branch protection's "Require
# review from Code Owners", these paths cannot merge without their approval. Replace the team.
/accounts/                        ${o.owners}
/snac.yaml                        ${o.owners}
/.github/                         ${o.owners}
`;
}

/** Everything `snac init` writes, in the order it reports them. Pure. */
export function initFiles(o: InitOptions): ProjectFile[] {
  const workflow = { action: o.action, instances: [o.instance.name], branch: o.branch };
  return [
    { path: 'snac.yaml', text: snacYaml(o) },
    { path: 'accounts/README.md', text: ACCOUNTS_README },
    markerGroupFile(o.root, join(o.root, 'accounts'), o.markerGroup),
    { path: '.github/workflows/snac-plan.yml', text: planWorkflow(workflow) },
    { path: '.github/workflows/snac-apply.yml', text: applyWorkflow(workflow) },
    { path: '.github/workflows/snac-drift.yml', text: driftWorkflow(workflow) },
    { path: '.github/CODEOWNERS', text: codeowners(o) },
  ];
}
