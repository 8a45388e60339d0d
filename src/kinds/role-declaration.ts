import type { DesiredRole, RoleField } from './desired.js';
import { naturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';
import { DeclarationReader, optional, put, type DeclarationSource } from './declaration.js';

export function buildRole(source: DeclarationSource): DesiredRole {
  const read = new DeclarationReader(source);
  const name = (read.data['name'] as string).trim();
  const fields: Partial<Record<RoleField, Declared<Scalar>>> = {};
  put(fields, 'description', read.value('description'));
  put(fields, 'elevated_privilege', read.value('elevated_privilege'));
  put(fields, 'assignable_by', read.value<string>('assignable_by', naturalKey));
  return { kind: 'Role', key: naturalKey(name), name, at: read.at('/name'), fields, ...optional('contains', read.names('contains')) };
}
