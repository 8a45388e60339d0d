import type { SeedWriter } from './writer.js';

/**
 * `scale:N`: N service accounts with proportional structure for benchmarks, on top of the empty
 * seed. Per account: 3 direct grants and 2 memberships (PERFORMANCE.md's 10,000 accounts /
 * 30,000 grants / 20,000 memberships), one group per 50 accounts, each granting 2 of 20 custom
 * roles. Deterministic: the same N gives the same instance.
 */
export function seedScale(seed: SeedWriter, accounts: number): void {
  const roles = Array.from({ length: 20 }, (_, i) => `u_scale_role_${String(i).padStart(2, '0')}`);
  for (const role of roles) seed.role(role, { description: 'Benchmark role' });
  const groupCount = Math.max(1, Math.ceil(accounts / 50));
  const groups = Array.from({ length: groupCount }, (_, i) => `Scale Group ${String(i).padStart(4, '0')}`);
  groups.forEach((name, i) =>
    seed.group({ name, description: 'Benchmark group', roles: [roles[i % roles.length] ?? '', roles[(i + 7) % roles.length] ?? ''] }),
  );
  for (let i = 0; i < accounts; i++) {
    const userName = `svc_scale_${String(i).padStart(6, '0')}`;
    seed.user({
      user_name: userName,
      first_name: 'Scale',
      last_name: `Account ${i}`,
      email: `${userName}@example.com`,
      web_service_access_only: true,
      identity_type: 'machine',
      roles: [roles[i % 20] ?? '', roles[(i + 3) % 20] ?? '', roles[(i + 11) % 20] ?? ''],
      groups: [groups[i % groupCount] ?? '', groups[(i + 1) % groupCount] ?? ''].filter((g, k, all) => all.indexOf(g) === k),
    });
  }
}
