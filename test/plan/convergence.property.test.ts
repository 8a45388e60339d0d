import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PrunePolicy } from '../../src/model/config.js';
import { plan } from '../../src/planner/plan.js';
import { simulate } from '../../src/plan/simulate.js';
import { account, desiredState, group, link, liveAccount, liveRecord, liveState, property, role } from '../support/states.js';
import { mechanicsOnly } from '../support/plan-context.js';

const ACCOUNTS = ['svc_a', 'svc_b', 'svc_c', 'svc_d'];
const GROUPS = ['g1', 'g2', 'g3'];
const ROLES = ['itil', 'admin', 'u_one', 'u_two'];
const PROPERTIES = ['glide.basicauth.required.soap', 'glide.sm.default_mode'];

const subset = <T>(items: readonly T[]) => fc.subarray([...items]);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const accountFields = fc.record(
  { email: fc.constantFrom('a@x', 'b@x'), web_service_access_only: fc.boolean(), active: fc.boolean(), manager: fc.constantFrom('alice', 'Bob') },
  { requiredKeys: [] },
);

const desiredArb = fc.record({
  accounts: subset(ACCOUNTS).chain((names) =>
    fc.tuple(...names.map((name) => fc.tuple(fc.constant(name), accountFields, maybe(subset(GROUPS)), maybe(subset(ROLES))))),
  ),
  groups: subset(GROUPS).chain((names) => fc.tuple(...names.map((name) => fc.tuple(fc.constant(name), fc.constantFrom('x', 'y'), maybe(subset(ROLES)))))),
  roles: subset(['u_one', 'u_two']).chain((names) => fc.tuple(...names.map((name) => fc.tuple(fc.constant(name), maybe(subset(['itil', 'admin'])))))),
  properties: subset(PROPERTIES).chain((names) => fc.tuple(...names.map((name) => fc.tuple(fc.constant(name), fc.constantFrom('true', 'false', 'deny'))))),
  prune: fc.constantFrom<PrunePolicy>('deactivate', 'delete', 'ignore'),
});

const liveArb = fc.record({
  accounts: subset(ACCOUNTS).chain((names) => fc.tuple(...names.map((name) => fc.tuple(fc.constant(name), accountFields)))),
  memberships: subset(ACCOUNTS.flatMap((a) => GROUPS.map((g) => [a, g] as const))),
  directRoles: subset(ACCOUNTS.flatMap((a) => ROLES.map((r) => [a, r] as const))),
  groups: subset(GROUPS),
  groupRoles: subset(GROUPS.flatMap((g) => ROLES.map((r) => [g, r] as const))),
  properties: subset(PROPERTIES).chain((names) => fc.tuple(...names.map((name) => fc.tuple(fc.constant(name), fc.constantFrom('true', 'false'))))),
});

describe('plan convergence (property)', () => {
  it('applying a plan to the live state in memory leaves nothing to plan', () => {
    fc.assert(
      fc.property(desiredArb, liveArb, (d, l) => {
        const desired = desiredState({
          config: { prune: d.prune },
          accounts: d.accounts.map(([name, fields, groups, roles]) => account(name, fields, { ...(groups ? { groups } : {}), ...(roles ? { roles } : {}) })),
          groups: d.groups.map(([name, description, roles]) => group(name, { description }, roles)),
          roles: d.roles.map(([name, contains]) => role(name, {}, contains)),
          properties: d.properties.map(([name, value]) => property(name, value)),
        });
        const liveAccounts = new Set(l.accounts.map(([name]) => name));
        const live = liveState({
          accounts: l.accounts.map(([name, fields]) => liveAccount(name, fields)),
          memberships: l.memberships.filter(([a]) => liveAccounts.has(a)).map(([a, g]) => link('sys_user_grmember', a, g)),
          directRoles: l.directRoles.filter(([a]) => liveAccounts.has(a)).map(([a, r]) => link('sys_user_has_role', a, r)),
          groups: l.groups.map((g) => liveRecord('sys_user_group', g, { name: g, description: 'x' })),
          groupRoles: l.groupRoles.map(([g, r]) => link('sys_group_has_role', g, r)),
          properties: l.properties.map(([name, value]) => liveRecord('sys_properties', name, { value })),
        });
        const first = plan(desired, live, mechanicsOnly());
        const second = plan(desired, simulate(live, first.changes), mechanicsOnly());
        expect(second.changes).toEqual([]);
      }),
      { numRuns: 500, seed: 20261127 },
    );
  });
});
