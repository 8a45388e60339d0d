import type { DesiredRole, RoleField } from './desired.js';
import { naturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';
import { DeclarationReader, optional, put, type DeclarationSource } from './declaration.js';
import type { Outline } from './outline.js';

/** A Role document as schemas/role.schema.json describes it. */
export interface RoleDocument {
  readonly kind: 'Role';
  readonly name: string;
  readonly description?: string;
  readonly contains?: readonly string[];
  readonly elevated_privilege?: boolean;
  readonly assignable_by?: string;
}

export const ROLE_OUTLINE: Outline<RoleDocument> = {
  properties: {
    kind: { enum: ['Role'] },
    name: 'string',
    description: { optional: 'string' },
    contains: { optional: { items: 'string' } },
    elevated_privilege: { optional: 'boolean' },
    assignable_by: { optional: 'string' },
  },
};

export function buildRole(source: DeclarationSource<RoleDocument>): DesiredRole {
  const read = new DeclarationReader(source);
  const name = read.data.name.trim();
  const fields: Partial<Record<RoleField, Declared<Scalar>>> = {};
  put(fields, 'description', read.value('description'));
  put(fields, 'elevated_privilege', read.value('elevated_privilege'));
  put(fields, 'assignable_by', read.value('assignable_by', naturalKey));
  return { kind: 'Role', key: naturalKey(name), name, at: read.at('/name'), fields, ...optional('contains', read.names('contains')) };
}
