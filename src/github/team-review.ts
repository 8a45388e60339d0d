import type { RepoClient } from './client.js';
import { callGitHub, explainGitHubError } from './errors.js';

/** "acme/servicenow-admins" */
export interface TeamRef {
  readonly org: string;
  readonly slug: string;
}

export function parseTeam(text: string): TeamRef | undefined {
  const match = /^@?([\w.-]+)\/([\w.-]+)$/.exec(text);
  return match?.[1] && match[2] ? { org: match[1], slug: match[2] } : undefined;
}

/**
 * Which of these people are active members of the team. Reading team membership needs an
 * organization permission the workflow's GITHUB_TOKEN never has, so the client here is made
 * from a GitHub App (or fine-grained) token with "members: read".
 */
export async function teamMembers(client: RepoClient, team: TeamRef, logins: readonly string[]): Promise<string[]> {
  const permission = 'members: read (organization; GITHUB_TOKEN cannot have it: use a GitHub App token in SNAC_TEAM_TOKEN)';
  await callGitHub(client, { action: `see the team ${team.org}/${team.slug}`, permission }, (gh) => gh.rest.teams.getByName({ org: team.org, team_slug: team.slug }));
  const members: string[] = [];
  for (const login of logins) {
    try {
      const { data } = await client.gh.rest.teams.getMembershipForUserInOrg({ org: team.org, team_slug: team.slug, username: login });
      if (data.state === 'active') members.push(login);
    } catch (error) {
      // 404 is GitHub's answer for "not a member"; the team itself was seen above.
      if ((error as { status?: unknown }).status !== 404) throw explainGitHubError(error, { action: `check whether ${login} is in ${team.org}/${team.slug}`, permission }, client.token);
    }
  }
  return members;
}
