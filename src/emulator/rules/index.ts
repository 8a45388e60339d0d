import { cascadeDeletes } from './cascade.js';
import { grantGuards, inheritedRowProtection } from './grant-guards.js';
import { identityTypeAccess, irreversibleProperties, oauthClientCredentials, roleNameImmutable, userDisplayName } from './records.js';
import { roleInheritance } from './role-inheritance.js';
import type { BusinessRule } from './rule.js';

export type { BusinessRule, RuleEvent } from './rule.js';

/** The business rules of the emulated instance, in execution order. */
export const businessRules: readonly BusinessRule[] = [
  userDisplayName,
  identityTypeAccess,
  roleNameImmutable,
  irreversibleProperties,
  oauthClientCredentials,
  grantGuards,
  inheritedRowProtection,
  cascadeDeletes,
  roleInheritance,
];
