import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyReviewedPlan } from '../../src/apply/apply-reviewed.js';
import { Journal } from '../../src/apply/journal.js';
import { readLive, selectionFor } from '../../src/kinds/read-live.js';
import type { PrunePolicy } from '../../src/model/config.js';
import { plan } from '../../src/planner/plan.js';
import { basicClient } from '../support/client.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { mechanicsOnly } from '../support/plan-context.js';
import { account, desiredState, group, role } from '../support/states.js';

/**
 * Convergence against the instance itself, not the planner's own simulation: random
 * declarations are planned, applied through the Table API to the emulator, and planned again,
 * which must show nothing. Runs follow each other on one instance, so each starts from what the
 * previous left (accounts to update, links to revoke, accounts to prune).
 */
const ACCOUNTS = ['svc_conv_a', 'svc_conv_b', 'svc_conv_c'];
const GROUPS = ['Conv One', 'Conv Two'];
const ROLES = ['itil', 'rest_api_explorer', 'u_conv_reader'];

const subset = <T>(items: readonly T[]) => fc.subarray([...items]);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const fields = fc.record({ email: fc.constantFrom('one@acme.example', 'two@acme.example'), active: fc.boolean(), locked_out: fc.boolean() }, { requiredKeys: [] });

const declarations = fc.record({
  accounts: subset(ACCOUNTS).chain((names) => fc.tuple(...names.map((name) => fc.tuple(fc.constant(name), fields, maybe(subset(GROUPS)), maybe(subset(ROLES)))))),
  groups: subset(GROUPS).chain((names) => fc.tuple(...names.map((name) => fc.tuple(fc.constant(name), fc.constantFrom('first', 'second'), maybe(subset(ROLES)))))),
  readerContains: maybe(subset(['itil', 'rest_api_explorer'])),
  prune: fc.constantFrom<PrunePolicy>('deactivate', 'delete', 'ignore'),
});

let sn: TestInstance;
beforeAll(async () => {
  sn = await startInstance({ seed: 'empty' });
});
afterAll(() => sn.close());

describe('plan convergence against the emulator (property)', () => {
  it('after applying a plan through the Table API, planning again shows nothing', async () => {
    const api = basicClient(sn.url, 'admin', 'admin');
    const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-converge-')), 'journal.jsonl'));
    let written = 0;
    // Memberships of groups that are not declared are left out, so every reference resolves.
    await fc.assert(
      fc.asyncProperty(declarations, async (d) => {
        const groups = d.groups.map(([name, description, roles]) => group(name, { description }, roles));
        const declaredGroups = new Set(d.groups.map(([name]) => name));
        const desired = desiredState({
          config: { prune: d.prune, safety: { maxPrunes: 10, maxChangeShare: 1, minAdmins: 1 } },
          roles: [role('u_conv_reader', { description: 'Reads for the convergence test' }, d.readerContains)],
          groups,
          accounts: d.accounts.map(([name, values, memberOf, roles]) =>
            account(name, { first_name: name, web_service_access_only: true, ...values }, {
              ...(memberOf ? { groups: memberOf.filter((g) => declaredGroups.has(g)) } : {}),
              ...(roles ? { roles } : {}),
            })),
        });
        const context = mechanicsOnly({ reconciler: 'admin', allow: ['too-many-prunes', 'too-many-changes', 'interactive-account', 'needs-elevation'] });
        const live = await readLive(api, selectionFor(desired), { instance: api.instance });
        const reviewed = plan(desired, live, context);
        const result = await applyReviewedPlan({ reviewed, desired, api, journal, planOptions: context });
        expect(result.kind).toBe('applied');
        written += reviewed.changes.length;
        const again = plan(desired, await readLive(api, selectionFor(desired), { instance: api.instance }), context);
        expect(again.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([]);
      }),
      { numRuns: 12, seed: 20261203 },
    );
    // The runs did write: creates, updates, grants, revocations and prunes, not only no-ops.
    expect(written).toBeGreaterThan(30);
  });
});
