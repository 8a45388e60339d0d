import type { PolicyRule } from './rule.js';
import { dormantAccount } from './rules/dormant-account.js';
import { expired } from './rules/expired.js';
import { forbiddenRoles } from './rules/forbidden-roles.js';
import { internalIntegrationUser } from './rules/internal-integration-user.js';
import { noDirectRoles } from './rules/no-direct-roles.js';
import { nonInteractive } from './rules/non-interactive.js';
import { oauthGrantDisabled } from './rules/oauth-grant-disabled.js';
import { oauthOverBasic } from './rules/oauth-over-basic.js';
import { ownerActive } from './rules/owner-active.js';
import { ownerRequired } from './rules/owner-required.js';
import { privilegedRoles } from './rules/privileged-roles.js';
import { purposeRequired } from './rules/purpose-required.js';
import { strictSecuritySoap } from './rules/strict-security-soap.js';

/** Every policy rule, in the order findings are listed. Adding a rule is one file and one line here. */
export const POLICY_RULES: readonly PolicyRule[] = [
  nonInteractive,
  internalIntegrationUser,
  ownerRequired,
  ownerActive,
  purposeRequired,
  noDirectRoles,
  forbiddenRoles,
  privilegedRoles,
  strictSecuritySoap,
  expired,
  oauthGrantDisabled,
  dormantAccount,
  oauthOverBasic,
];
