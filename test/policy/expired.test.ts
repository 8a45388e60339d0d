import { describe, expect, it } from 'vitest';
import { liveAccount } from '../support/states.js';
import { findingsOf, instance, project, serviceAccount, TODAY, where } from './support.js';

describe('policy expired', () => {
  it.each([
    { name: 'no expiry', account: serviceAccount('svc_a'), expected: [] },
    { name: 'expires later', account: serviceAccount('svc_a', { expires: '2027-06-30' }), expected: [] },
    { name: 'expires today: still valid today', account: serviceAccount('svc_a', { expires: TODAY }), expected: [] },
    { name: 'expired and still active', account: serviceAccount('svc_a', { expires: '2026-01-31' }), expected: ['svc_a@accounts/svc_a.yaml:9'] },
    { name: 'expired and declared inactive', account: serviceAccount('svc_a', { expires: '2026-01-31', fields: { active: false } }), expected: [] },
  ])('$name', ({ account, expected }) => {
    const live = instance({ accounts: [liveAccount('svc_a')] });
    expect(where(findingsOf('expired', project([account]), live))).toEqual(expected);
  });

  it('judges expiry by the injected date, not the clock', () => {
    const desired = project([serviceAccount('svc_a', { expires: '2026-12-31' })]);
    const live = instance({ accounts: [liveAccount('svc_a')] });
    expect(findingsOf('expired', desired, live, '2026-12-31')).toEqual([]);
    expect(findingsOf('expired', desired, live, '2027-01-01').map((f) => f.summary)).toEqual(['svc_a expired on 2026-12-31 but would stay active']);
  });
});
