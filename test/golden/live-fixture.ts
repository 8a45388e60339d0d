import { naturalKey } from '../../src/model/keys.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { BASELINE_ROLES } from '../../src/model/baseline-roles.js';
import type { Dependents } from '../../src/impact/dependents.js';
import type { LiveLink, LiveRecord, LiveState, RowVersion } from '../../src/kinds/live.js';
import type { Scalar } from '../../src/model/scalar.js';

/**
 * A live state written by hand in natural keys (live.yaml), for golden plans. sys_ids are
 * derived from the keys, so fingerprints are stable; baseline roles are always present.
 *
 *   accounts: { svc_a: { active: true, web_service_access_only: true, manager: alice } }
 *   people: { alice: { active: true } }
 *   groups: { Ops: { description: x, roles: [itil] } }
 *   roles: { u_x: { description: y, contains: [itil] } }
 *   memberships: { svc_a: [Ops] }
 *   directRoles: { svc_a: [itil] }
 *   properties: { glide.basicauth.required.soap: 'true' }
 */
interface LiveFixture {
  accounts?: Record<string, Record<string, Scalar>>;
  people?: Record<string, Record<string, Scalar>>;
  groups?: Record<string, Record<string, Scalar> & { roles?: string[] }>;
  roles?: Record<string, Record<string, Scalar> & { contains?: string[] }>;
  memberships?: Record<string, string[]>;
  directRoles?: Record<string, string[]>;
  properties?: Record<string, string>;
  /** What runs as the accounts: scheduled jobs (name → run-as user_name) and Basic auth profiles (name → username). */
  dependents?: { jobs?: Record<string, string>; authProfiles?: Record<string, string> };
  /** Active admins on the whole instance; default: admin and every account granted admin directly. */
  activeAdmins?: string[];
  updatedBy?: string;
}

const sysId = (table: string, key: string) => createHash('sha256').update(`${table}:${key}`).digest('hex').slice(0, 32);
const key = naturalKey;

export function loadLiveFixture(path: string): LiveState {
  const fixture = (parse(readFileSync(path, 'utf8')) ?? {}) as LiveFixture;
  const version = (table: string, k: string): RowVersion => ({ table, sysId: sysId(table, k), modCount: 1, updatedOn: '2026-11-01 09:00:00', updatedBy: fixture.updatedBy ?? 'admin', createdOn: '2026-10-01 09:00:00' });
  const record = (table: string, name: string, fields: Record<string, Scalar>): LiveRecord => ({ key: key(name), sysId: sysId(table, key(name)), fields, version: version(table, key(name)) });
  const link = (table: string, from: string, to: string): LiveLink => ({ from: key(from), to: key(to), sysId: sysId(table, `${key(from)}>${key(to)}`), version: version(table, `${key(from)}>${key(to)}`) });
  const links = (table: string, map: Record<string, string[]> | undefined) => Object.entries(map ?? {}).flatMap(([from, tos]) => tos.map((to) => link(table, from, to)));
  const customRoles = Object.entries(fixture.roles ?? {});
  const groups = Object.entries(fixture.groups ?? {});

  return {
    instance: 'dev.service-now.com',
    records: {
      ServiceAccount: Object.entries(fixture.accounts ?? {}).map(([name, fields]) =>
        record('sys_user', name, { active: true, locked_out: false, web_service_access_only: true, identity_type: 'machine', internal_integration_user: false, password_needs_reset: false, failed_attempts: 0, manager: null, ...fields }),
      ),
      Group: groups.map(([name, { roles: _roles, ...fields }]) => record('sys_user_group', name, { name, active: true, manager: null, ...fields })),
      Role: [
        ...BASELINE_ROLES.map((r) => record('sys_user_role', r.name, { name: r.name, elevated_privilege: r.elevatedPrivilege })),
        ...customRoles.map(([name, { contains: _contains, ...fields }]) => record('sys_user_role', name, { name, elevated_privilege: false, ...fields })),
      ],
      SecuritySettings: Object.entries(fixture.properties ?? {}).map(([name, value]) => record('sys_properties', name, { value, write_roles: name.startsWith('glide.basicauth') || name.startsWith('glide.sm') ? 'security_admin' : '' })),
      OAuthClient: [],
    },
    links: {
      DirectRole: links('sys_user_has_role', fixture.directRoles),
      Membership: links('sys_user_grmember', fixture.memberships),
      GroupRole: groups.flatMap(([name, g]) => (g.roles ?? []).map((r) => link('sys_group_has_role', name, r))),
      RoleContains: [
        ...BASELINE_ROLES.flatMap((r) => r.contains.map((c) => link('sys_user_role_contains', r.name, c))),
        ...customRoles.flatMap(([name, r]) => (r.contains ?? []).map((c) => link('sys_user_role_contains', name, c))),
      ],
    },
    people: Object.entries(fixture.people ?? {}).map(([name, fields]) => record('sys_user', name, { active: true, locked_out: false, web_service_access_only: false, ...fields })),
    inheritedRoles: [],
    activeAdmins: fixture.activeAdmins?.map(key) ?? [key('admin'), ...Object.entries(fixture.directRoles ?? {}).filter(([, roles]) => roles.includes('admin')).map(([user]) => key(user))],
  };
}

/** The scheduled jobs and auth profiles a live.yaml says run as its accounts (none when it says nothing). */
export function loadDependentsFixture(path: string): Dependents {
  const fixture = (parse(readFileSync(path, 'utf8')) ?? {}) as LiveFixture;
  const jobs = Object.entries(fixture.dependents?.jobs ?? {}).map(([name, runAs]) => ({ name, table: 'sysauto_script', runAs: key(runAs) }));
  const authProfiles = Object.entries(fixture.dependents?.authProfiles ?? {}).map(([name, username]) => ({ name, username: key(username) }));
  const users = [...new Set([...jobs.map((j) => j.runAs), ...authProfiles.map((p) => p.username)])].map((user) => {
    const fields = fixture.accounts?.[user] ?? fixture.people?.[user] ?? {};
    return { key: user, active: fields['active'] !== false, lockedOut: fields['locked_out'] === true, nonInteractive: fields['web_service_access_only'] !== false, identityType: '' };
  });
  return { jobs, flows: [], authProfiles, oauthClients: [], users };
}
