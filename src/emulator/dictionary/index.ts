import { sysAuthProfileBasic, sysauto, sysautoScript, sysHubFlow } from './automation.js';
import { sysGroupHasRole, sysUserGrmember, sysUserGroup } from './groups.js';
import { oauthEntity, sysAudit, sysProperties } from './platform.js';
import { sysRateLimitRules } from './rate-limits.js';
import { sysUserHasRole, sysUserRole, sysUserRoleContains } from './roles.js';
import type { FieldDef, TableDef } from './types.js';
import { sysUser } from './users.js';

export type { FieldDef, FieldType, TableDef } from './types.js';

/** System fields every table carries; the engine maintains them on every write. */
const systemFields: readonly FieldDef[] = [
  { name: 'sys_id', type: 'sys_id', readOnly: true },
  { name: 'sys_created_on', type: 'glide_date_time', readOnly: true },
  { name: 'sys_created_by', type: 'string', readOnly: true },
  { name: 'sys_updated_on', type: 'glide_date_time', readOnly: true },
  { name: 'sys_updated_by', type: 'string', readOnly: true },
  { name: 'sys_mod_count', type: 'integer', readOnly: true, default: '0' },
  { name: 'sys_tags', type: 'string', readOnly: true },
];

const definitions: readonly TableDef[] = [
  sysUser,
  sysUserRole,
  sysUserRoleContains,
  sysUserHasRole,
  sysUserGroup,
  sysGroupHasRole,
  sysUserGrmember,
  sysProperties,
  sysauto,
  sysautoScript,
  sysHubFlow,
  sysAuthProfileBasic,
  sysAudit,
  oauthEntity,
  sysRateLimitRules,
];

/** A table with its full field list resolved (parent fields, own fields, system fields). */
export interface ResolvedTable {
  readonly def: TableDef;
  readonly fields: ReadonlyMap<string, FieldDef>;
  /** This table and every table that extends it, for queries on a parent table. */
  readonly family: readonly string[];
}

function resolve(): Map<string, ResolvedTable> {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const fieldsOf = (def: TableDef): FieldDef[] => {
    const parent = def.extends ? byName.get(def.extends) : undefined;
    const inherited = parent ? fieldsOf(parent) : [...systemFields];
    return [...inherited, ...def.fields];
  };
  const descendants = (name: string): string[] => [
    name,
    ...definitions.filter((d) => d.extends === name).flatMap((d) => descendants(d.name)),
  ];
  return new Map(
    definitions.map((def) => [
      def.name,
      { def, fields: new Map(fieldsOf(def).map((f) => [f.name, f])), family: descendants(def.name) },
    ]),
  );
}

/** The dictionary of the emulated instance, resolved once. */
export const DICTIONARY: ReadonlyMap<string, ResolvedTable> = resolve();

export function tableOf(name: string): ResolvedTable | undefined {
  return DICTIONARY.get(name);
}
