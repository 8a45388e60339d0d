import type { SeedWriter } from './writer.js';

/** Roles an enterprise gives its staff; none of them is admin, so the active admins stay the seed's own. */
const STAFF_ROLES = ['snc_internal', 'approver_user', 'report_user', 'rest_api_explorer'] as const;
const TEAM_SIZE = 25;
const DEPARTMENT_SIZE = 1000;

/**
 * `people:M` (after `scale:N`): M employees outside snac's scope, shaped like a large
 * enterprise's user base. Each person has one direct role, is a member of a team (one per 25
 * people, granting approver_user or report_user) and of a department (one per 1,000 people,
 * every other one granting itil, which contains two more roles), so the user, role-grant and
 * membership tables hold far more people's rows than service accounts'. Deterministic.
 */
export function seedScalePeople(seed: SeedWriter, people: number): void {
  const teams = Math.max(1, Math.ceil(people / TEAM_SIZE));
  const departments = Math.max(1, Math.ceil(people / DEPARTMENT_SIZE));
  const teamName = (i: number) => `Team ${String(i).padStart(5, '0')}`;
  const departmentName = (i: number) => `Department ${String(i).padStart(3, '0')}`;
  for (let i = 0; i < departments; i++) seed.group({ name: departmentName(i), description: 'Department', roles: i % 2 === 0 ? ['itil'] : [] });
  for (let i = 0; i < teams; i++) seed.group({ name: teamName(i), description: 'Team', roles: [i % 2 === 0 ? 'approver_user' : 'report_user'] });
  for (let i = 0; i < people; i++) {
    const userName = `person.${String(i).padStart(6, '0')}`;
    seed.user({
      user_name: userName,
      first_name: 'Person',
      last_name: String(i),
      email: `${userName}@corp.example`,
      identity_type: 'human',
      roles: [STAFF_ROLES[i % STAFF_ROLES.length] ?? 'snc_internal'],
      groups: [teamName(Math.floor(i / TEAM_SIZE)), departmentName(Math.floor(i / DEPARTMENT_SIZE))],
    });
  }
}
