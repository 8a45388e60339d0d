import type { DesiredGroup, GroupField } from './desired.js';
import { naturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';
import { DeclarationReader, optional, put, type DeclarationSource } from './declaration.js';
import type { Outline } from './outline.js';

/** A Group document as schemas/group.schema.json describes it. */
export interface GroupDocument {
  readonly kind: 'Group';
  readonly name: string;
  readonly description?: string;
  readonly manager?: string;
  readonly email?: string;
  readonly active?: boolean;
  readonly roles?: readonly string[];
}

export const GROUP_OUTLINE: Outline<GroupDocument> = {
  properties: {
    kind: { enum: ['Group'] },
    name: 'string',
    description: { optional: 'string' },
    manager: { optional: 'string' },
    email: { optional: 'string' },
    active: { optional: 'boolean' },
    roles: { optional: { items: 'string' } },
  },
};

export function buildGroup(source: DeclarationSource<GroupDocument>): DesiredGroup {
  const read = new DeclarationReader(source);
  const name = read.data.name.trim();
  const fields: Partial<Record<GroupField, Declared<Scalar>>> = {};
  put(fields, 'description', read.value('description'));
  put(fields, 'manager', read.value('manager', naturalKey));
  put(fields, 'email', read.value('email'));
  put(fields, 'active', read.value('active'));
  return { kind: 'Group', key: naturalKey(name), name, at: read.at('/name'), fields, ...optional('roles', read.names('roles')) };
}
