import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/plan/change.js';
import { cutOff } from '../../src/plan/cut-off.js';
import { minAdmins } from '../../src/plan/rails/min-admins.js';
import type { SafetyContext } from '../../src/plan/rails/rail.js';
import { reconcilerSelf } from '../../src/plan/rails/reconciler-self.js';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { naturalKey } from '../../src/model/keys.js';
import { liveState } from '../support/states.js';

const change = (over: Partial<Change>): Change => ({ kind: 'ServiceAccount', key: 'svc_snac', action: 'update', fields: [], origin: 'declared', risk: 'normal', risks: [], ...over });
const sets = (field: string, before: boolean, after: boolean) => ({ fields: [{ field, before, after }] });

const CASES: [string, Change, ReturnType<typeof cutOff>][] = [
  ['a deactivation', change({ action: 'deactivate', origin: 'prune' }), 'deactivate'],
  ['a deletion', change({ action: 'delete', origin: 'prune' }), 'delete'],
  ['an update to active: false', change(sets('active', true, false)), 'deactivate'],
  ['an update to locked_out: true', change(sets('locked_out', false, true)), 'lock-out'],
  ['an update to active: true', change(sets('active', false, true)), undefined],
  ['an update to locked_out: false', change(sets('locked_out', true, false)), undefined],
  ['an update of another field', change({ fields: [{ field: 'email', before: 'a@x', after: 'b@x' }] }), undefined],
  ['a create', change({ action: 'create', fields: [{ field: 'active', before: null, after: true }] }), undefined],
  ['a revoke of its role', change({ kind: 'DirectRole', key: 'svc_snac → user_admin', action: 'revoke', link: { from: naturalKey('svc_snac'), to: naturalKey('user_admin') } }), 'revoke'],
  ['a grant of a role', change({ kind: 'DirectRole', key: 'svc_snac → itil', action: 'grant', link: { from: naturalKey('svc_snac'), to: naturalKey('itil') } }), undefined],
  ['the removal of a duplicate link row (the link stays)', change({ kind: 'Membership', key: 'svc_snac → ops', action: 'delete', link: { from: naturalKey('svc_snac'), to: naturalKey('ops') }, duplicate: 2, origin: 'duplicate' }), undefined],
];

describe('cutOff: whether a change cuts the account off', () => {
  it.each(CASES)('%s', (_, c, expected) => {
    expect(cutOff(c)).toBe(expected);
  });
});

describe('min-admins and reconciler-self judge a cut-off by the same helper', () => {
  const context = (c: Change): SafetyContext => ({
    live: liveState({ activeAdmins: ['svc_snac'] }),
    after: liveState(),
    changes: [c],
    access: [],
    safety: DEFAULT_CONFIG.safety,
    protectedAccounts: ['svc_snac'],
    allow: new Set(),
  });

  it.each(CASES)('reconciler-self on %s', (_, c, expected) => {
    expect(reconcilerSelf.check(context(c)).length).toBe(expected === undefined ? 0 : 1);
  });

  it.each(CASES.filter(([, c]) => c.kind === 'ServiceAccount'))('min-admins on %s (the last admin)', (_, c, expected) => {
    expect(minAdmins.check(context(c)).length).toBe(expected === undefined ? 0 : 1);
  });
});
