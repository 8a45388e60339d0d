import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { computeChanges } from '../../src/plan/compute.js';
import { policyFindings } from '../../src/policy/policy.js';
import { POLICY_RULES } from '../../src/policy/registry.js';
import { liveAccount } from '../support/states.js';
import { declared, findingsOf, instance, project, serviceAccount, TODAY, where } from './support.js';

const seen = (key: string, lastLogin: string, createdOn = '2025-01-01 00:00:00', active = true) =>
  liveAccount(key, { manager: 'alice.nguyen', active, last_login_time: lastLogin, created_on: createdOn });

describe('policy rule dormant-account', () => {
  it.each([
    ['a login within the window', seen('svc_a', '2026-10-01 08:00:00'), []],
    ['a last login 91 days ago', seen('svc_a', '2026-08-28 08:00:00'), ['svc_a@accounts/svc_a.yaml:1']],
    ['a login exactly 90 days ago', seen('svc_a', '2026-08-29 08:00:00'), []],
    ['never logged in, created long ago', seen('svc_a', '', '2026-01-05 10:00:00'), ['svc_a@accounts/svc_a.yaml:1']],
    ['never logged in, created last week', seen('svc_a', '', '2026-11-20 10:00:00'), []],
    ['inactive already', seen('svc_a', '2025-01-01 08:00:00', '2025-01-01 00:00:00', false), []],
  ])('%s', (_name, live, expected) => {
    const findings = findingsOf('dormant-account', project([serviceAccount('svc_a')]), instance({ accounts: [live] }));
    expect(where(findings)).toEqual(expected);
  });

  it('names the date, and follows policy.dormant_after_days', () => {
    const live = instance({ accounts: [seen('svc_a', '2026-10-01 08:00:00')] });
    const [finding] = findingsOf('dormant-account', project([serviceAccount('svc_a')], { config: { policy: { ...DEFAULT_CONFIG.policy, dormantAfterDays: 30 } } }), live);
    expect(finding?.summary).toBe(`svc_a is dormant: it last logged in on 2026-10-01, 57 days ago (policy.dormant_after_days is 30)`);
    expect(TODAY).toBe('2026-11-27');
  });

  it('says what is still set up to run as the account', () => {
    const desired = project([serviceAccount('svc_a')]);
    const live = instance({ accounts: [seen('svc_a', '2025-06-01 08:00:00')] });
    const dependents = { jobs: [{ name: 'Nightly export', table: 'sysauto_script', runAs: 'svc_a' }], flows: [], authProfiles: [], oauthClients: [{ name: 'Jira Cloud sync', account: 'svc_a' }], users: [] };
    const [finding] = policyFindings(desired, computeChanges(desired, live), { today: TODAY, dependents }, POLICY_RULES.filter((r) => r.id === 'dormant-account'));
    expect(finding?.summary).toMatch(/; still set up to run as it: job Nightly export, OAuth client Jira Cloud sync$/);
  });

  it('leaves out an account the plan deactivates', () => {
    const account = serviceAccount('svc_a', { fields: { active: false } });
    expect(findingsOf('dormant-account', project([account]), instance({ accounts: [seen('svc_a', '2025-01-01 08:00:00')] }))).toEqual([]);
  });
});

describe('policy rule oauth-over-basic', () => {
  it('asks for OAuth where an account declares Basic, at that line', () => {
    const basic = { ...serviceAccount('svc_a'), authentication: declared('basic' as const, 'svc_a', 7) };
    const oauth = { ...serviceAccount('svc_b'), authentication: declared('oauth' as const, 'svc_b', 7) };
    const findings = findingsOf('oauth-over-basic', project([basic, oauth, serviceAccount('svc_c')]), instance());
    expect(where(findings)).toEqual(['svc_a@accounts/svc_a.yaml:7']);
    expect(findings[0]).toMatchObject({ severity: 'warning', blocking: false });
  });
});
