import { parseArgs } from 'node:util';
import { createRepoClient } from '../github/client.js';
import { listComments } from '../github/comments.js';
import { pullRequestNumber } from '../github/context.js';
import { parseMarker } from '../github/marker.js';
import { currentApprovers, parseTeam, teamMembers } from '../github/team-review.js';
import { EXIT, UsageError, type Command } from './command.js';
import { openGitHub, prOption } from './github-session.js';

const usage = `Usage: snac check-privileged --team org/team-slug [--pr N]

A required check for pull requests: fails while the posted plans (the sticky comments of
snac comment) grant a privileged role (admin, security_admin, an elevated role, or one
snac.yaml lists) or change a High Security Setting, and no member of the team has approved the
pull request at its current head commit. Passes when nothing privileged is planned.

Options:
  --team <org/slug>   the team that reviews privileged changes (as in CODEOWNERS)
  --pr <n>            the pull request (default: the event's, from GITHUB_EVENT_PATH)

Environment: GITHUB_TOKEN (pull-requests: read), SNAC_TEAM_TOKEN (a GitHub App or
fine-grained token with organization "members: read", to see who is in the team; GITHUB_TOKEN
cannot), GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL.

Exit codes: 0 nothing privileged, or approved by the team; 1 not approved, or error.`;

/** Instances whose latest posted plan has privileged changes, from the comments' markers. */
function privilegedInstances(bodies: readonly string[]): string[] {
  const latest = new Map<string, number>();
  for (const body of bodies) {
    const marker = parseMarker(body, 'snac-plan');
    if (marker?.['instance'] !== undefined) latest.set(marker['instance'], Number(marker['privileged'] ?? '0'));
  }
  return [...latest].filter(([, count]) => count !== 0).map(([instance]) => instance);
}

export const checkPrivilegedCommand: Command = {
  name: 'check-privileged',
  summary: 'fail until privileged changes are approved by the designated team',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { team: { type: 'string' }, pr: { type: 'string' } }, strict: true });
    const team = values.team === undefined ? undefined : parseTeam(values.team);
    if (team === undefined) throw new UsageError(`--team must be org/team-slug, got "${values.team ?? ''}"`);
    const override = prOption(values.pr);
    const { context, client } = await openGitHub(io);
    const pullRequest = pullRequestNumber(context, override);

    const comments = (await listComments(client, pullRequest)).filter((c) => c.byBot);
    const instances = privilegedInstances(comments.map((c) => c.body));
    if (instances.length === 0) {
      io.stdout.write(`snac check-privileged: no privileged changes planned on #${pullRequest}\n`);
      return EXIT.ok;
    }
    const approvers = await currentApprovers(client, pullRequest);
    const teamToken = io.env['SNAC_TEAM_TOKEN'];
    const teamClient = teamToken ? createRepoClient({ ...context, token: teamToken }, { warn: (m) => io.stderr.write(`warning: ${m}\n`) }) : client;
    const members = approvers.length === 0 ? [] : await teamMembers(teamClient, team, approvers);
    const what = `privileged changes on ${instances.join(', ')}`;
    if (members.length > 0) {
      io.stdout.write(`snac check-privileged: ${what} approved by ${members.join(', ')} of ${team.org}/${team.slug}\n`);
      return EXIT.ok;
    }
    io.stderr.write(`snac check-privileged: #${pullRequest} has ${what}: it needs an approving review of its current head from a member of ${team.org}/${team.slug}${approvers.length > 0 ? ` (approved by ${approvers.join(', ')}, none of them in the team)` : ''}\n`);
    return EXIT.error;
  },
};
