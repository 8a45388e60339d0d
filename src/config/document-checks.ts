import type { Diagnostic } from '../diagnostics.js';
import type { DeclarationKind } from './kinds.js';
import type { ServiceAccountDocument } from '../kinds/service-account-declaration.js';
import type { ValidDeclaration } from './build.js';
import type { ConfigDocument } from './build-config.js';
import type { YamlDocument } from './parse-yaml.js';

/**
 * Rules about one document that JSON Schema cannot say clearly: fields that exclude each other,
 * dates that do not exist. Run only on documents that passed their schema.
 */
export function checkDocument(declaration: ValidDeclaration): Diagnostic[] {
  return isKind(declaration, 'ServiceAccount') ? checkServiceAccount(declaration.document) : [];
}

function isKind<K extends DeclarationKind>(declaration: ValidDeclaration, kind: K): declaration is ValidDeclaration<K> {
  return declaration.kind === kind;
}

function error(document: YamlDocument<unknown>, pointer: string, code: string, summary: string, fix: string): Diagnostic {
  return { severity: 'error', code, summary, fix, at: document.positions.valueAt(pointer) };
}

/** A YYYY-MM-DD string that names a real day (2027-02-30 does not). */
export function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function checkServiceAccount(document: YamlDocument<ServiceAccountDocument>): Diagnostic[] {
  const { data } = document;
  const found: Diagnostic[] = [];
  if (data.name !== undefined && (data.first_name !== undefined || data.last_name !== undefined)) {
    found.push(error(document, '/name', 'conflicting-fields', 'name and first_name/last_name both set the display name', 'keep either name or first_name/last_name'));
  }
  const expires = data.expires;
  if (expires !== undefined && !isCalendarDate(expires)) {
    found.push(error(document, '/expires', 'invalid-date', `"${expires}" is not a date in the calendar`, 'write a real day as YYYY-MM-DD'));
  }
  if (data.internal_integration_user === true && data.web_service_access_only === false) {
    found.push(
      error(
        document,
        '/internal_integration_user',
        'conflicting-fields',
        'a MID Server user (internal_integration_user) must be non-interactive, but web_service_access_only is false',
        'remove web_service_access_only: false',
      ),
    );
  }
  if (data.interactive !== undefined && data.web_service_access_only !== false) {
    found.push({
      severity: 'warning',
      code: 'unused-exemption',
      summary: 'the interactive exemption has no effect: the account is non-interactive (web_service_access_only defaults to true)',
      fix: 'set web_service_access_only: false if the account must log in interactively, or remove the exemption',
      at: document.positions.keyAt('/interactive'),
    });
  }
  return found;
}

/** snac.yaml: instance names are what accounts and the command line refer to, so each is unique. */
export function checkConfigDocument(document: YamlDocument<ConfigDocument>): Diagnostic[] {
  const instances = document.data.instances ?? [];
  const first = new Map<string, number>();
  const found: Diagnostic[] = [];
  instances.forEach(({ name }, i) => {
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, i);
      return;
    }
    const { line, column } = document.positions.valueAt(`/instances/${earlier}/name`);
    found.push(error(document, `/instances/${i}/name`, 'duplicate-key', `instance "${name}" is declared twice: here and at line ${line}, column ${column}`, 'rename or remove one of them'));
  });
  return found;
}
