import type { DesiredGroup, GroupField } from './desired.js';
import { naturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';
import { DeclarationReader, optional, put, type DeclarationSource } from './declaration.js';

export function buildGroup(source: DeclarationSource): DesiredGroup {
  const read = new DeclarationReader(source);
  const name = (read.data['name'] as string).trim();
  const fields: Partial<Record<GroupField, Declared<Scalar>>> = {};
  put(fields, 'description', read.value('description'));
  put(fields, 'manager', read.value<string>('manager', naturalKey));
  put(fields, 'email', read.value('email'));
  put(fields, 'active', read.value('active'));
  return { kind: 'Group', key: naturalKey(name), name, at: read.at('/name'), fields, ...optional('roles', read.names('roles')) };
}
