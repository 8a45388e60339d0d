import type { TableRequirement } from '../kinds/kind.js';
import { REFERENCE_TABLES } from '../kinds/reference-tables.js';
import { ALL_LINK_KINDS, ALL_RECORD_KINDS } from '../kinds/registry.js';

/**
 * The role the documented least-privilege set-up gives snac's account, and to which an
 * administrator opens the ACLs below marked `setUp` (README: seeds and their credentials).
 */
export const RECONCILER_ROLE = 'u_snac_reconciler';

/** One table operation snac performs, and the roles the base system's table ACL lets through. */
export interface Requirement extends TableRequirement {
  readonly table: string;
}

/**
 * What planning and applying need, per table and operation, from a new instance's ACLs: what
 * each kind (src/kinds/) and each table read for blast radius states it needs. High Security
 * Settings are apart: they need an elevated security_admin (preflight.ts). Reads come first,
 * then each table's writes.
 */
export const REQUIREMENTS: readonly Requirement[] = [
  ...[...ALL_RECORD_KINDS, ...ALL_LINK_KINDS, ...REFERENCE_TABLES].flatMap((t) => t.requirements.map((r) => ({ table: t.table, ...r }))),
].sort((a, b) => Number(a.operation !== 'read') - Number(b.operation !== 'read'));
