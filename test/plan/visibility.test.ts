import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChanges } from '../../src/apply/apply.js';
import { Journal } from '../../src/apply/journal.js';
import { readLive, selectionFor } from '../../src/kinds/read-live.js';
import type { DesiredState } from '../../src/kinds/desired.js';
import { plan } from '../../src/planner/plan.js';
import { basicClient } from '../support/client.js';
import { mechanicsOnly } from '../support/plan-context.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { account, desiredState, property } from '../support/states.js';

/**
 * What the reconciler cannot see is unknown: reported, planned as nothing, never written. Over
 * real HTTP against the emulator with a real instance's read rules (read_roles on the High
 * Security properties, field-level ACLs), read as the least-privileged svc_snac.
 */
let sn: TestInstance;
beforeEach(async () => {
  sn = await startInstance({ seed: 'empty' });
});
afterEach(() => sn.close());

async function planAsReconciler(desired: DesiredState) {
  const api = basicClient(sn.url, 'svc_snac', 'snac');
  const live = await readLive(api, selectionFor(desired), { instance: 'test', readAs: 'svc_snac' });
  return { api, live, planned: plan(desired, live, mechanicsOnly({ reconciler: 'svc_snac', signedInAs: 'svc_snac' })) };
}

describe('a declared High Security Setting the reconciler cannot read (read_roles=admin)', () => {
  it('is reported as unknown, and planned as nothing', async () => {
    const desired = desiredState({ properties: [property('glide.basicauth.required.soap', 'false'), property('glide.user.max_unlock_attempts', '7')] });
    const { planned } = await planAsReconciler(desired);
    expect(planned.changes.map((c) => `${c.action} ${c.key}`)).toEqual(['set glide.user.max_unlock_attempts']);
    expect(planned.findings).toEqual([
      expect.objectContaining({
        code: 'unknown-setting',
        severity: 'warning',
        blocking: false,
        summary: 'unknown: require_auth_soap (glide.basicauth.required.soap) is not readable by svc_snac; not compared, not set',
        fix: expect.stringMatching(/check it as an admin with `snac audit`/),
      }),
    ]);
  });

  it('is compared as usual by an account that can read it', async () => {
    const desired = desiredState({ properties: [property('glide.basicauth.required.soap', 'true')] });
    const api = basicClient(sn.url, 'admin', 'admin');
    const live = await readLive(api, selectionFor(desired), { instance: 'test', readAs: 'admin' });
    expect(plan(desired, live, mechanicsOnly()).findings.filter((f) => f.code.startsWith('unknown'))).toEqual([]);
  });
});

describe('a field a field-level ACL hides from the reconciler', () => {
  it('is never compared or written, and the plan says so', async () => {
    sn.emulator.acl.restrictField('sys_user', 'email', ['admin']);
    const declare = (email: string) =>
      desiredState({ config: { scope: { userNamePrefixes: ['svc_app'], exclude: [] } }, accounts: [account('svc_app', { first_name: 'App', last_name: 'Client', email })] });
    const first = await planAsReconciler(declare('app@acme.example'));
    const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-visibility-')), 'journal.jsonl'));
    await applyChanges(first.api, first.planned.changes, first.live, { planHash: first.planned.planHash, journal });
    const row = () => sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_app')?.values ?? {};
    expect(row()['email']).toBe('app@acme.example');

    const changed = await planAsReconciler(declare('someone.else@acme.example'));
    expect(changed.planned.changes).toEqual([]);
    expect(changed.planned.findings).toContainEqual(expect.objectContaining({ code: 'unknown-field', summary: expect.stringMatching(/^unknown: email of service account svc_app is not in what svc_snac reads of sys_user/) }));
    await applyChanges(changed.api, changed.planned.changes, changed.live, { planHash: changed.planned.planHash, journal });
    expect(row()['email']).toBe('app@acme.example');
  });
});
