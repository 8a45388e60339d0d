import type { SourceRef } from '../diagnostics.js';
import type {
  AccountField,
  AuthenticationMethod,
  DesiredGroup,
  DesiredProperty,
  DesiredRole,
  DesiredOAuthClient,
  DesiredServiceAccount,
  GroupField,
  OAuthClientField,
  OAuthGrantType,
  RoleField,
} from '../model/desired.js';
import { HIGH_SECURITY_BY_FRIENDLY_NAME } from '../model/high-security-settings.js';
import { naturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';
import type { DeclarationKind } from './kinds.js';
import type { YamlDocument } from './parse-yaml.js';
import { childPointer } from './positions.js';

/** A document that passed its schema and document checks, so its data has the schema's shape. */
export interface ValidDeclaration {
  readonly kind: DeclarationKind;
  readonly document: YamlDocument;
}

export interface DesiredDeclarations {
  readonly accounts: readonly DesiredServiceAccount[];
  readonly groups: readonly DesiredGroup[];
  readonly roles: readonly DesiredRole[];
  readonly properties: readonly DesiredProperty[];
  readonly oauthClients: readonly DesiredOAuthClient[];
}

type Data = Readonly<Record<string, unknown>>;

/** Reads one validated document, every value paired with its place. */
class Reader {
  readonly data: Data;
  constructor(readonly document: YamlDocument) {
    this.data = document.data as Data;
  }

  at(pointer: string): SourceRef {
    return this.document.positions.valueAt(pointer);
  }

  keyAt(pointer: string): SourceRef {
    return this.document.positions.keyAt(pointer);
  }

  /** The field's value with its place, or undefined when the field is absent. */
  value<T extends Scalar>(field: string, map: (value: T) => Scalar = (v) => v): Declared<Scalar> | undefined {
    const value = this.data[field] as T | undefined;
    return value === undefined ? undefined : { value: map(value), at: this.at(`/${field}`) };
  }

  /** A list of names, each normalised and with its place; undefined when the field is absent. */
  names(field: string, normalise: (name: string) => string = naturalKey): Declared<string>[] | undefined {
    const list = this.data[field] as readonly string[] | undefined;
    return list?.map((name, i) => {
      const value = normalise(name);
      return { value, at: this.at(`/${field}/${i}`), ...(value === name ? {} : { written: name }) };
    });
  }
}

/** Sets `fields[field]` when the declared value is there: an absent field stays unmanaged. */
function put<F extends string>(fields: Partial<Record<F, Declared<Scalar>>>, field: F, value: Declared<Scalar> | undefined): void {
  if (value !== undefined) fields[field] = value;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function reason(read: Reader, field: 'interactive' | 'privileged'): Declared<string> | undefined {
  const exemption = read.data[field] as { reason: string } | undefined;
  return exemption === undefined ? undefined : { value: exemption.reason, at: read.at(`/${field}/reason`) };
}

export function buildServiceAccount(document: YamlDocument): DesiredServiceAccount {
  const read = new Reader(document);
  const at = read.at('/user_name');
  const fields: Partial<Record<AccountField, Declared<Scalar>>> = {};
  const name = read.value<string>('name');
  if (name) {
    fields.first_name = name;
    fields.last_name = { value: '', at: name.at };
  }
  put(fields, 'first_name', read.value('first_name'));
  put(fields, 'last_name', read.value('last_name'));
  put(fields, 'email', read.value('email'));
  put(fields, 'manager', read.value<string>('owner', naturalKey));
  // The two defaults (a service account cannot answer a reset prompt) point at the account.
  fields.web_service_access_only = read.value('web_service_access_only') ?? { value: true, at };
  // A service account is a machine identity (the Machine Identity Console counts it as one).
  // On the instance, Machine ticks web_service_access_only; an interactive account keeps its type.
  if (fields.web_service_access_only.value !== false) fields.identity_type = { value: 'machine', at };
  put(fields, 'internal_integration_user', read.value('internal_integration_user'));
  put(fields, 'active', read.value('active'));
  put(fields, 'locked_out', read.value('locked_out'));
  fields.password_needs_reset = read.value('password_needs_reset') ?? { value: false, at };
  return {
    kind: 'ServiceAccount',
    key: naturalKey(read.data['user_name'] as string),
    at,
    fields,
    ...optional('groups', read.names('groups')),
    ...optional('roles', read.names('roles')),
    ...optional('purpose', read.value<string>('purpose') as Declared<string> | undefined),
    ...optional('instances', read.names('instances', (name) => name)),
    ...optional('expires', read.value<string>('expires') as Declared<string> | undefined),
    ...optional('authentication', read.value<string>('authentication') as Declared<AuthenticationMethod> | undefined),
    ...optional('interactiveReason', reason(read, 'interactive')),
    ...optional('privilegedReason', reason(read, 'privileged')),
  };
}

export function buildGroup(document: YamlDocument): DesiredGroup {
  const read = new Reader(document);
  const name = (read.data['name'] as string).trim();
  const fields: Partial<Record<GroupField, Declared<Scalar>>> = {};
  put(fields, 'description', read.value('description'));
  put(fields, 'manager', read.value<string>('manager', naturalKey));
  put(fields, 'email', read.value('email'));
  put(fields, 'active', read.value('active'));
  return { kind: 'Group', key: naturalKey(name), name, at: read.at('/name'), fields, ...optional('roles', read.names('roles')) };
}

export function buildRole(document: YamlDocument): DesiredRole {
  const read = new Reader(document);
  const name = (read.data['name'] as string).trim();
  const fields: Partial<Record<RoleField, Declared<Scalar>>> = {};
  put(fields, 'description', read.value('description'));
  put(fields, 'elevated_privilege', read.value('elevated_privilege'));
  put(fields, 'assignable_by', read.value<string>('assignable_by', naturalKey));
  return { kind: 'Role', key: naturalKey(name), name, at: read.at('/name'), fields, ...optional('contains', read.names('contains')) };
}

/** An inbound OAuth client: the account becomes the OAuth Application User, the purpose its comments. */
export function buildOAuthClient(document: YamlDocument): DesiredOAuthClient {
  const read = new Reader(document);
  const name = (read.data['name'] as string).trim();
  const account = read.value<string>('account', naturalKey) as Declared<string>;
  const purpose = read.value<string>('purpose') as Declared<string> | undefined;
  const fields: Partial<Record<OAuthClientField, Declared<Scalar>>> = { application_user: account };
  put(fields, 'access_token_lifespan', read.value('access_token_lifespan'));
  put(fields, 'refresh_token_lifespan', read.value('refresh_token_lifespan'));
  put(fields, 'active', read.value('active'));
  put(fields, 'comments', purpose);
  return {
    kind: 'OAuthClient',
    key: naturalKey(name),
    name,
    at: read.at('/name'),
    fields,
    account,
    grantType: read.value<string>('grant_type') as Declared<OAuthGrantType>,
    ...optional('purpose', purpose),
  };
}

/** ServiceNow stores every property value as text: true → 'true', 30 → '30'. */
function storedValue(value: unknown): string {
  return String(value);
}

/** The High Security Settings by friendly name, then the raw `properties:` map. */
export function buildProperties(document: YamlDocument): DesiredProperty[] {
  const read = new Reader(document);
  const result: DesiredProperty[] = [];
  for (const [field, value] of Object.entries(read.data)) {
    const setting = HIGH_SECURITY_BY_FRIENDLY_NAME.get(field);
    if (!setting) continue;
    const pointer = `/${field}`;
    result.push({
      kind: 'SecuritySettings',
      key: naturalKey(setting.property),
      at: read.keyAt(pointer),
      value: { value: storedValue(value), at: read.at(pointer) },
      friendlyName: setting.friendlyName,
    });
  }
  const raw = (read.data['properties'] ?? {}) as Readonly<Record<string, unknown>>;
  for (const [name, value] of Object.entries(raw)) {
    const pointer = childPointer('/properties', name);
    result.push({ kind: 'SecuritySettings', key: naturalKey(name), at: read.keyAt(pointer), value: { value: storedValue(value), at: read.at(pointer) } });
  }
  return result;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Code-point order, not the locale's: the same on every machine. */
function byKeyThenPlace<T extends { readonly key: string; readonly at: SourceRef }>(a: T, b: T): number {
  return compareText(a.key, b.key) || compareText(a.at.file, b.at.file) || a.at.line - b.at.line || a.at.column - b.at.column;
}

/** Where each kind of document goes in the desired state: a missing kind is a compile error. */
const BUILDERS: { readonly [K in DeclarationKind]: (document: YamlDocument, into: Mutable<DesiredDeclarations>) => void } = {
  ServiceAccount: (document, into) => into.accounts.push(buildServiceAccount(document)),
  Group: (document, into) => into.groups.push(buildGroup(document)),
  Role: (document, into) => into.roles.push(buildRole(document)),
  SecuritySettings: (document, into) => into.properties.push(...buildProperties(document)),
  OAuthClient: (document, into) => into.oauthClients.push(buildOAuthClient(document)),
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };

/** Every validated declaration as desired state, each list sorted by natural key. */
export function buildDeclarations(declarations: readonly ValidDeclaration[]): DesiredDeclarations {
  const built: Mutable<DesiredDeclarations> = { accounts: [], groups: [], roles: [], properties: [], oauthClients: [] };
  for (const { kind, document } of declarations) BUILDERS[kind](document, built);
  return {
    accounts: built.accounts.sort(byKeyThenPlace),
    groups: built.groups.sort(byKeyThenPlace),
    roles: built.roles.sort(byKeyThenPlace),
    properties: built.properties.sort(byKeyThenPlace),
    oauthClients: built.oauthClients.sort(byKeyThenPlace),
  };
}
