import { ADMIN } from './access.js';
import type { TableRequirement } from './kind.js';

/** A table snac reads but never writes: what runs as, or logs in as, the accounts. */
export interface ReferenceTable {
  readonly table: string;
  /** The rows that matter ('' = all). */
  readonly query: string;
  readonly requirements: readonly TableRequirement[];
}

/** sysauto is the base table: querying it returns its subtypes' rows too (sysauto_script, ...). */
export const SCHEDULED_JOBS: ReferenceTable = {
  table: 'sysauto',
  query: 'active=true^run_asISNOTEMPTY',
  requirements: [{ operation: 'read', purpose: 'scheduled jobs, for blast radius and audit', roles: ADMIN, setUp: true }],
};

export const FLOWS: ReferenceTable = {
  table: 'sys_hub_flow',
  query: 'active=true',
  requirements: [{ operation: 'read', purpose: 'flows, for the audit', roles: ['flow_designer'], setUp: true }],
};

export const AUTH_PROFILES: ReferenceTable = {
  table: 'sys_auth_profile_basic',
  query: '',
  requirements: [{ operation: 'read', purpose: 'Basic auth profiles, for blast radius and audit', roles: ADMIN, setUp: true }],
};

export const REFERENCE_TABLES: readonly ReferenceTable[] = [SCHEDULED_JOBS, FLOWS, AUTH_PROFILES];
