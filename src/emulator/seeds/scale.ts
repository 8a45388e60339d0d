import type { SeedWriter } from './writer.js';

/** The custom roles of the scale seed. */
export const SCALE_ROLES = Array.from({ length: 20 }, (_, i) => `u_scale_role_${String(i).padStart(2, '0')}`);

export const scaleGroupCount = (accounts: number) => Math.max(1, Math.ceil(accounts / 50));
export const scaleGroupName = (i: number) => `Scale Group ${String(i).padStart(4, '0')}`;

/** One owner (an active person) per 100 accounts. */
export const scaleOwnerCount = (accounts: number) => Math.max(1, Math.ceil(accounts / 100));
export const scaleOwnerName = (i: number) => `scale.owner.${String(i).padStart(4, '0')}`;

/** Service account i of `scale:N`: its user_name, owner, direct roles and groups (the bench declares the same). */
export function scaleAccount(i: number, accounts: number): { userName: string; owner: string; roles: string[]; groups: string[] } {
  const groupCount = scaleGroupCount(accounts);
  return {
    userName: `svc_scale_${String(i).padStart(6, '0')}`,
    owner: scaleOwnerName(i % scaleOwnerCount(accounts)),
    roles: [SCALE_ROLES[i % 20] ?? '', SCALE_ROLES[(i + 3) % 20] ?? '', SCALE_ROLES[(i + 11) % 20] ?? ''],
    groups: [scaleGroupName(i % groupCount), scaleGroupName((i + 1) % groupCount)].filter((g, k, all) => all.indexOf(g) === k),
  };
}

/**
 * `scale:N`: N service accounts with proportional structure for benchmarks, on top of the empty
 * seed. Per account: an owner (one person per 100 accounts), 3 direct grants and 2 memberships
 * (10,000 accounts: 30,000 grants, 20,000 memberships), one group per 50 accounts, each
 * granting 2 of 20 custom roles. Deterministic: the same N gives the same instance.
 */
export function seedScale(seed: SeedWriter, accounts: number): void {
  for (const role of SCALE_ROLES) seed.role(role, { description: 'Benchmark role' });
  const groupCount = scaleGroupCount(accounts);
  for (let i = 0; i < groupCount; i++) {
    seed.group({ name: scaleGroupName(i), description: 'Benchmark group', roles: [SCALE_ROLES[i % 20] ?? '', SCALE_ROLES[(i + 7) % 20] ?? ''] });
  }
  for (let i = 0; i < scaleOwnerCount(accounts); i++) {
    seed.user({ user_name: scaleOwnerName(i), first_name: 'Scale', last_name: `Owner ${i}`, email: `${scaleOwnerName(i)}@example.com`, identity_type: 'human' });
  }
  for (let i = 0; i < accounts; i++) {
    const { userName, owner, roles, groups } = scaleAccount(i, accounts);
    seed.user({
      user_name: userName,
      manager: owner,
      first_name: 'Scale',
      last_name: `Account ${i}`,
      email: `${userName}@example.com`,
      web_service_access_only: true,
      identity_type: 'machine',
      roles,
      groups,
    });
  }
}
