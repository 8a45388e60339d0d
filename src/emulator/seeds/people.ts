import type { SeedWriter } from './writer.js';

const FIRST = ['Alice', 'Bob', 'Carmen', 'Dave', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jamal', 'Kara', 'Liam', 'Maya', 'Noor', 'Oscar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara'];
const LAST = ['Nguyen', 'Smith', 'Garcia', 'Miller', 'Okafor', 'Haddad', 'Kim', 'Tanaka', 'Silva', 'Brown', 'Novak', 'Patel', 'Jones', 'Rossi', 'Berg'];

/** The demo company's managers, created first so people can report to them. */
export const MANAGERS = ['alice.nguyen', 'bob.smith', 'carmen.garcia', 'elena.okafor', 'grace.kim'] as const;

/** People who left the company: inactive accounts that service accounts and jobs still point at. */
export const LEAVERS = ['dave.miller', 'farid.haddad'] as const;

function person(userName: string): { first: string; last: string } {
  const [first = '', last = ''] = userName.split('.');
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return { first: cap(first), last: cap(last.replace(/\d+$/, '')) };
}

/**
 * A few hundred employees (interactive users with SSO, so no password), deterministic: the 20 x 15
 * name grid, managers first. Two of them have left (inactive) and are still referenced elsewhere.
 */
export function seedPeople(seed: SeedWriter): void {
  for (const userName of MANAGERS) {
    const { first, last } = person(userName);
    seed.user({ user_name: userName, first_name: first, last_name: last, email: `${userName}@acme.example`, title: 'Engineering Manager', identity_type: 'human' });
  }
  let n = 0;
  for (const last of LAST) {
    for (const first of FIRST) {
      const userName = `${first}.${last}`.toLowerCase();
      if ((MANAGERS as readonly string[]).includes(userName)) continue;
      seed.user({
        user_name: userName,
        first_name: first,
        last_name: last,
        email: `${userName}@acme.example`,
        title: n % 7 === 0 ? 'Service Desk Analyst' : 'Engineer',
        employee_number: String(10_000 + n),
        identity_type: 'human',
        manager: MANAGERS[n % MANAGERS.length] ?? 'alice.nguyen',
        active: !(LEAVERS as readonly string[]).includes(userName),
      });
      n += 1;
    }
  }
}
