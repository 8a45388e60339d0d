import { formatSourceRef, type Diagnostic, type SourceRef } from '../diagnostics.js';
import { BASELINE_ROLE_NAMES } from '../model/baseline-roles.js';
import type { SnacConfig } from '../model/config.js';
import type { DesiredServiceAccount } from '../kinds/desired.js';
import type { Declared } from '../model/scalar.js';
import type { DesiredRecords } from '../kinds/desired.js';
import { didYouMean } from './suggest.js';

/** Names declared by documents that failed validation: known, so never reported as unknown too. */
export interface KnownNames {
  readonly accounts: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
  readonly roles: ReadonlySet<string>;
}

export interface CrossCheckInput {
  readonly declarations: DesiredRecords;
  /** Undefined when snac.yaml is broken: the rules that need it are skipped, not guessed. */
  readonly config: SnacConfig | undefined;
  readonly alsoDeclared: KnownNames;
}

function error(code: string, at: SourceRef, summary: string, fix: string): Diagnostic {
  return { severity: 'error', code, summary, fix, at };
}

/** How many other places a duplicate names before "and N more": a message stays one line. */
const MAX_PLACES_NAMED = 3;

function otherPlaces(all: readonly SourceRef[], here: SourceRef): string {
  const named = all.slice(0, MAX_PLACES_NAMED + 1).filter((other) => other !== here).slice(0, MAX_PLACES_NAMED);
  const more = all.length - 1 - named.length;
  return `${named.map(formatSourceRef).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Every declaration of a key declared more than once, each naming the other places. */
function duplicates(records: readonly { readonly key: string; readonly at: SourceRef }[], noun: string): Diagnostic[] {
  const places = new Map<string, SourceRef[]>();
  for (const record of records) {
    const list = places.get(record.key);
    if (list) list.push(record.at);
    else places.set(record.key, [record.at]);
  }
  const found: Diagnostic[] = [];
  for (const [key, ats] of places) {
    if (ats.length < 2) continue;
    for (const at of ats) {
      found.push(error('duplicate-key', at, `${noun} "${key}" is declared ${ats.length} times: here and at ${otherPlaces(ats, at)}`, 'keep one declaration'));
    }
  }
  return found;
}

function references(refs: readonly Declared<string>[] | undefined, known: ReadonlySet<string>, report: (ref: Declared<string>) => Diagnostic): Diagnostic[] {
  return (refs ?? []).filter((ref) => !known.has(ref.value)).map(report);
}

function roleChecks({ declarations, alsoDeclared, config }: CrossCheckInput): Diagnostic[] {
  const custom = new Set([...declarations.Role.map((r) => r.key), ...alsoDeclared.roles]);
  const known = new Set([...custom, ...BASELINE_ROLE_NAMES, ...(config?.knownRoles ?? [])]);
  // The instance may well ship it (a plugin's role): a warning here, and the plan checks it exists there.
  const unknown = (ref: Declared<string>): Diagnostic => ({
    severity: 'warning',
    code: 'unlisted-role',
    summary: `role "${ref.written ?? ref.value}" is not in snac's baseline list, not declared and not in snac.yaml's known_roles${didYouMean(ref.value, known)}; the plan checks that the instance has it`,
    fix: 'list it under known_roles in snac.yaml if the instance ships it, declare it as a Role under accounts/roles/, or fix the name',
    at: ref.at,
  });
  const found: Diagnostic[] = [];
  for (const account of declarations.ServiceAccount) found.push(...references(account.roles, known, unknown));
  for (const group of declarations.Group) found.push(...references(group.roles, known, unknown));
  for (const role of declarations.Role) {
    if (BASELINE_ROLE_NAMES.has(role.key)) {
      found.push(error('baseline-role', role.at, `"${role.key}" is a baseline role: snac references it but never declares it`, 'remove this declaration; use the role by name'));
    }
    found.push(...references(role.contains, known, unknown));
    const assignableBy = role.fields.assignable_by;
    if (assignableBy && typeof assignableBy.value === 'string') found.push(...references([{ value: assignableBy.value, at: assignableBy.at }], known, unknown));
  }
  return [...found, ...roleCycles(declarations)];
}

/** A custom role that contains itself, directly or through others, would make access unbounded. */
function roleCycles({ Role: roles }: DesiredRecords): Diagnostic[] {
  const contains = new Map(roles.map((r) => [r.key, (r.contains ?? []).map((c) => c.value)]));
  const found: Diagnostic[] = [];
  for (const role of roles) {
    const path = cycleFrom(role.key, contains);
    if (path) found.push(error('role-cycle', role.at, `role "${role.key}" contains itself: ${path.join(' → ')}`, 'remove one of the contains entries on that path'));
  }
  return found;
}

function cycleFrom(start: string, contains: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const stack: { role: string; path: string[] }[] = [{ role: start, path: [start] }];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const { role, path } = stack.pop() as { role: string; path: string[] };
    for (const next of contains.get(role) ?? []) {
      if (next === start) return [...path, next];
      if (!seen.has(next)) {
        seen.add(next);
        stack.push({ role: next, path: [...path, next] });
      }
    }
  }
  return undefined;
}

function groupChecks({ declarations, alsoDeclared }: CrossCheckInput): Diagnostic[] {
  const known = new Set([...declarations.Group.map((g) => g.key), ...alsoDeclared.groups]);
  const names = declarations.Group.map((g) => g.name ?? g.key);
  return declarations.ServiceAccount.flatMap((account) =>
    references(account.groups, known, (ref) =>
      error(
        'unknown-group',
        ref.at,
        `group "${ref.written ?? ref.value}" is not declared${didYouMean(ref.value, names)}`,
        'declare it as a Group under accounts/groups/ (a Group with only a name manages nothing but makes it known) or fix the name',
      ),
    ),
  );
}

/** Why `who` is a service account rather than a person, if it is one. */
function notAPerson(who: string, accounts: ReadonlySet<string>, prefixes: readonly string[]): string | undefined {
  if (accounts.has(who)) return 'is a declared service account';
  const prefix = prefixes.find((p) => who.startsWith(p));
  return prefix === undefined ? undefined : `has the service-account prefix "${prefix}"`;
}

/** Owners and group managers are people: a service account cannot answer for another one. */
function ownerChecks({ declarations, config, alsoDeclared }: CrossCheckInput): Diagnostic[] {
  const accounts = new Set([...declarations.ServiceAccount.map((a) => a.key), ...alsoDeclared.accounts]);
  const check = (manager: Declared<unknown> | undefined, role: string): Diagnostic[] => {
    if (!manager || typeof manager.value !== 'string') return [];
    const why = notAPerson(manager.value, accounts, config?.scope.userNamePrefixes ?? []);
    if (why === undefined) return [];
    return [error('owner-not-a-person', manager.at, `${role} "${manager.value}" ${why}, not a person`, `name the person accountable (their user_name) as ${role}`)];
  };
  return [
    ...declarations.ServiceAccount.flatMap((a) => check(a.fields.manager, 'owner')),
    ...declarations.Group.flatMap((g) => check(g.fields.manager, 'manager')),
  ];
}

/** An OAuth client acts as a service account that snac manages: it must be declared. */
function oauthClientChecks({ declarations, alsoDeclared }: CrossCheckInput): Diagnostic[] {
  const accounts = new Set([...declarations.ServiceAccount.map((a) => a.key), ...alsoDeclared.accounts]);
  return declarations.OAuthClient.flatMap((client) =>
    accounts.has(client.account.value)
      ? []
      : [error(
          'unknown-account',
          client.account.at,
          `OAuth client "${client.name}" acts as "${client.account.value}", which is not a declared service account${didYouMean(client.account.value, [...accounts])}`,
          'declare the account as a ServiceAccount under accounts/, or fix the user_name',
        )],
  );
}

function scopeChecks({ declarations, config }: CrossCheckInput): Diagnostic[] {
  if (config === undefined) return [];
  const excluded = new Set(config.scope.exclude);
  const where = config.at ? ` (${formatSourceRef(config.at)}, scope.exclude)` : '';
  return declarations.ServiceAccount
    .filter((a) => excluded.has(a.key))
    .map((a) => error('excluded-account', a.at, `"${a.key}" is declared but snac.yaml excludes it from snac's scope${where}`, 'remove it from scope.exclude or remove this declaration'));
}

function instanceChecks({ declarations, config }: CrossCheckInput): Diagnostic[] {
  if (config === undefined) return [];
  const names = config.instances.map((i) => i.name);
  const known = new Set(names);
  const report = (ref: Declared<string>) =>
    error(
      'unknown-instance',
      ref.at,
      `instance "${ref.value}" is not in snac.yaml${names.length === 0 ? ' (it declares no instances)' : didYouMean(ref.value, names)}`,
      `add it to instances: in snac.yaml${names.length === 0 ? '' : ` or use one of: ${names.join(', ')}`}`,
    );
  return declarations.ServiceAccount.flatMap((account: DesiredServiceAccount) => references(account.instances, known, report));
}

/**
 * Rules that span files: duplicate keys, references to groups, roles and accounts nobody declared,
 * owners that are not people, declarations the scope excludes, unknown instances.
 */
export function crossCheck(input: CrossCheckInput): Diagnostic[] {
  const { declarations } = input;
  return [
    ...duplicates(declarations.ServiceAccount, 'service account'),
    ...duplicates(declarations.Group, 'group'),
    ...duplicates(declarations.Role, 'role'),
    ...duplicates(declarations.SecuritySettings, 'property'),
    ...duplicates(declarations.OAuthClient, 'OAuth client'),
    ...groupChecks(input),
    ...roleChecks(input),
    ...ownerChecks(input),
    ...oauthClientChecks(input),
    ...scopeChecks(input),
    ...instanceChecks(input),
  ];
}
