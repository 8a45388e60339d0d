import { stringify } from 'yaml';
import { BASELINE_ROLE_NAMES } from '../model/baseline-roles.js';
import type { LiveLink, LiveRecord, LiveState } from '../kinds/live.js';
import { groupFileName } from '../init/project-files.js';
import { naturalKey } from '../model/keys.js';

/** A YAML file to write under the declarations directory. */
export interface ImportedFile {
  /** Relative to the declarations directory, e.g. service-accounts/svc_x.yaml. */
  readonly path: string;
  readonly text: string;
}

export interface ImportResult {
  readonly files: readonly ImportedFile[];
  /** Roles the accounts hold that are neither baseline nor custom (u_, x_): for known_roles. */
  readonly shippedRoles: readonly string[];
}

export interface ImportInput {
  readonly live: LiveState;
  /** The groups the imported accounts are members of, as read from the instance. */
  readonly groups: readonly LiveRecord[];
  /** Keys already declared: never imported again. */
  readonly declared: { readonly accounts: ReadonlySet<string>; readonly groups: ReadonlySet<string>; readonly roles: ReadonlySet<string> };
  /** Shown in each file's header comment. */
  readonly instance: string;
  /** The `$schema` line for a file (path relative to the declarations directory) and schema file name. */
  readonly schemaLine: (path: string, schema: string) => string;
  /** snac.yaml's scope.marker_group: every imported account lists it, so deleting its file prunes it. */
  readonly markerGroup?: string;
  /** OAuth clients acting as the accounts in scope, as read (never with their secrets). */
  readonly oauthClients?: readonly LiveRecord[];
  /** OAuth client names already declared (natural keys): never imported again. */
  readonly declaredClients?: ReadonlySet<string>;
}

const CUSTOM_ROLE = /^(u_|x_)/;

/** The groups the imported accounts belong to: each becomes a Group declaration unless declared. */
export function groupsToImport(live: LiveState): Set<string> {
  return new Set(live.links.Membership.map((m) => m.to));
}

/**
 * Declarations that reproduce what the instance holds for the accounts in scope: one file per
 * account, per group they belong to, per custom role they hold, and per OAuth client acting as
 * one of them. Planning them against the
 * same instance shows no change; the policy findings then say what to fix (owners, purposes,
 * interactive accounts). Pure: the command writes the files.
 */
export function importDocuments(input: ImportInput): ImportResult {
  const { live, declared } = input;
  const header = (path: string, schema: string) => `${input.schemaLine(path, `${schema}.schema.json`)}# Imported from ${input.instance} by snac import.\n`;
  const marker = input.markerGroup;
  const linksFrom = (links: readonly LiveLink[], from: string) => links.filter((l) => l.from === from).map((l) => l.toName ?? l.to).sort();
  const files: ImportedFile[] = [];
  const heldRoles = new Set<string>();

  for (const account of live.records.ServiceAccount) {
    if (declared.accounts.has(account.key)) continue;
    const f = account.fields;
    const groups = linksFrom(live.links.Membership, account.key);
    if (marker !== undefined && !groups.some((g) => naturalKey(g) === naturalKey(marker))) groups.push(marker);
    const roles = linksFrom(live.links.DirectRole, account.key);
    for (const role of roles) heldRoles.add(naturalKey(role));
    const data: Record<string, unknown> = {
      kind: 'ServiceAccount',
      user_name: account.key,
      ...text('first_name', f['first_name']),
      ...text('last_name', f['last_name']),
      ...text('email', f['email']),
      ...text('owner', f['manager']),
      web_service_access_only: f['web_service_access_only'] === true,
      ...(f['internal_integration_user'] === true ? { internal_integration_user: true } : {}),
      ...(f['active'] === false ? { active: false } : {}),
      ...(f['password_needs_reset'] === true ? { password_needs_reset: true } : {}),
      groups,
      roles,
    };
    const path = `service-accounts/${account.key}.yaml`;
    files.push({ path, text: `${header(path, 'service-account')}${stringify(data)}` });
  }

  for (const group of input.groups) {
    if (declared.groups.has(group.key)) continue;
    const roles = linksFrom(live.links.GroupRole, group.key);
    for (const role of roles) heldRoles.add(naturalKey(role));
    const f = group.fields;
    const data = { kind: 'Group', name: String(f['name'] || group.key), ...text('description', f['description']), ...text('manager', f['manager']), roles };
    const path = `groups/${groupFileName(group.key)}`;
    files.push({ path, text: `${header(path, 'group')}${stringify(data)}` });
  }

  const shipped: string[] = [];
  const pending = [...heldRoles].sort();
  const seen = new Set(pending);
  for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
    if (BASELINE_ROLE_NAMES.has(name) || declared.roles.has(name)) continue;
    if (!CUSTOM_ROLE.test(name)) {
      shipped.push(name);
      continue;
    }
    const role = live.records.Role.find((r) => r.key === name);
    const contains = linksFrom(live.links.RoleContains, name);
    for (const inner of contains.map(naturalKey)) {
      if (!seen.has(inner)) {
        seen.add(inner);
        pending.push(inner);
      }
    }
    const data = { kind: 'Role', name, ...text('description', role?.fields['description']), ...(contains.length > 0 ? { contains } : {}) };
    const path = `roles/${name}.yaml`;
    files.push({ path, text: `${header(path, 'role')}${stringify(data)}` });
  }
  files.push(...oauthClientFiles(input, header));
  return { files, shippedRoles: shipped.sort() };
}

/**
 * One OAuthClient declaration per client acting as an account that will be declared. The
 * instance does not store the grant a client serves: a client with an OAuth Application User
 * is there for client_credentials, which the file's header says was inferred.
 */
function oauthClientFiles(input: ImportInput, header: (path: string, schema: string) => string): ImportedFile[] {
  const accounts = new Set<string>(input.live.records.ServiceAccount.map((a) => a.key));
  const files: ImportedFile[] = [];
  for (const client of input.oauthClients ?? []) {
    const f = client.fields;
    const account = typeof f['application_user'] === 'string' ? f['application_user'] : '';
    if (input.declaredClients?.has(client.key) || !accounts.has(account)) continue;
    const data = {
      kind: 'OAuthClient',
      name: String(f['name'] || client.key),
      account,
      grant_type: 'client_credentials',
      ...text('purpose', f['comments']),
      ...(typeof f['access_token_lifespan'] === 'number' ? { access_token_lifespan: f['access_token_lifespan'] } : {}),
      ...(typeof f['refresh_token_lifespan'] === 'number' ? { refresh_token_lifespan: f['refresh_token_lifespan'] } : {}),
      active: f['active'] === true,
    };
    const path = `oauth-clients/${groupFileName(client.key)}`;
    const inferred = '# grant_type is inferred (the client has an OAuth Application User): check it. The secret stays on the instance.\n';
    files.push({ path, text: `${header(path, 'oauth-client')}${inferred}${stringify(data)}` });
  }
  return files;
}

function text(field: string, value: unknown): Record<string, string> {
  return typeof value === 'string' && value.trim() !== '' ? { [field]: value } : {};
}
