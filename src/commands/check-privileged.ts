import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRepoClient, type RepoClient } from '../github/client.js';
import { isTrustedAuthor, lastEditor, listComments, trustedMarked, type MarkedComment } from '../github/comments.js';
import type { GitHubContext } from '../github/context.js';
import { requireMergedPullRequest } from '../github/merged-pr.js';
import { privilegedChanges } from '../github/privileged.js';
import { approversOf, readPull, readReviews, type PullState } from '../github/pulls.js';
import { parseTeam, teamMembers } from '../github/team-review.js';
import { readPlanFile } from '../plan/read-plan.js';
import { escapeText } from '../render/escape.js';
import { EXIT, UsageError, type Command, type CommandIo } from './command.js';
import { openGitHub, prOption } from './github-session.js';

const usage = `Usage: snac check-privileged --team org/team-slug [--plan plan.json] [--pr N]

Holds privileged changes until the designated team approved them: a privileged role granted
(admin, security_admin, an elevated role, or one snac.yaml lists; directly, through a group or
by containment) or a High Security Setting changed. It decides from the typed risk codes of the
plan itself, and then requires an approving review of the pull request's head commit (the
final one, once merged) by an active member of the team.

With --plan (the apply job, on the plan made after merging): decides from that plan.
Without it (a required check on the pull request): decides from the plan comments, written
by the account snac posts as, for the pull request's current head; a plan not yet posted for
that head fails the check until it is.

Options:
  --team <org/slug>   the team that reviews privileged changes (as in CODEOWNERS)
  --plan <file>       the plan to decide from (snac plan --out)
  --pr <n>            the pull request (default: the event's, else the one GITHUB_SHA was
                      merged from)

Environment: GITHUB_TOKEN (pull-requests: read), SNAC_TEAM_TOKEN (a GitHub App or
fine-grained token with organization "members: read", to see who is in the team; GITHUB_TOKEN
cannot), GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_SHA, GITHUB_API_URL,
SNAC_COMMENT_AUTHOR (the login snac posts as; default github-actions[bot]).

Exit codes: 0 nothing privileged, or approved by the team; 1 not approved, or error.`;

/** What is privileged, per instance, or why that cannot be known yet. */
type Verdict = { readonly privileged: string[] } | { readonly unknown: string };

function fromPlan(plan: Awaited<ReturnType<typeof readPlanFile>>): Verdict {
  const changes = privilegedChanges(plan);
  // Keys can be record names from the instance: shown escaped, like every other view of a plan.
  return { privileged: changes.length === 0 ? [] : [escapeText(`${plan.instance} (${changes.map((c) => `${c.action} ${c.kind} ${c.label ?? c.key}`).join(', ')})`)] };
}

/** From the trusted plan comments: each instance's latest, which must show the current head. */
async function fromComments(client: RepoClient, pull: PullState): Promise<Verdict> {
  const latest = new Map<string, MarkedComment>();
  for (const found of trustedMarked(client, await listComments(client, pull.number), 'snac-plan')) latest.set(found.marker['instance'] ?? '', found);
  for (const [instance, { comment }] of latest) {
    const editor = await lastEditor(client, comment);
    if (editor !== undefined && !isTrustedAuthor(client, editor)) return { unknown: `the plan comment on ${instance} was last edited by ${editor}, not by ${client.trustedAuthor}: re-run the plan workflow` };
  }
  const markers = new Map([...latest].map(([instance, found]) => [instance, found.marker]));
  const behind = [...markers].filter(([, m]) => m['sha'] !== pull.headSha).map(([instance]) => instance);
  if (behind.length > 0) return { unknown: `the plan for head ${pull.headSha.slice(0, 12)} is not posted yet on ${behind.join(', ')}: wait for the plan workflow, then run this check again` };
  const count = (m: Readonly<Record<string, string>>) => Number(m['privileged'] ?? Number.NaN);
  const unreadable = [...markers].filter(([, m]) => !Number.isInteger(count(m)) || count(m) < 0).map(([instance]) => instance);
  if (unreadable.length > 0) return { unknown: `the plan comment on ${unreadable.join(', ')} does not say how many privileged changes it has: re-run the plan workflow` };
  return { privileged: [...markers].filter(([, m]) => count(m) > 0).map(([instance]) => instance) };
}

async function pullRequestOf(context: GitHubContext, client: RepoClient, override: number | undefined): Promise<number> {
  return override ?? context.pullRequest?.number ?? requireMergedPullRequest(client, context.sha, undefined);
}

function teamClient(io: CommandIo, context: GitHubContext, client: RepoClient): RepoClient {
  const token = io.env['SNAC_TEAM_TOKEN'];
  return token ? createRepoClient({ ...context, token }, { ...io.github, warn: (m) => io.stderr.write(`warning: ${m}\n`) }) : client;
}

export const checkPrivilegedCommand: Command = {
  name: 'check-privileged',
  summary: 'fail until privileged changes are approved by the designated team',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { team: { type: 'string' }, plan: { type: 'string' }, pr: { type: 'string' } }, strict: true });
    const team = values.team === undefined ? undefined : parseTeam(values.team);
    if (team === undefined) throw new UsageError(`--team must be org/team-slug, got "${values.team ?? ''}"`);
    const override = prOption(values.pr);
    const plan = values.plan === undefined ? undefined : await readPlanFile(resolve(io.cwd, values.plan));
    const { context, client } = await openGitHub(io);
    const pullRequest = await pullRequestOf(context, client, override);
    const pull = await readPull(client, pullRequest);
    const verdict = plan === undefined ? await fromComments(client, pull) : fromPlan(plan);
    if ('unknown' in verdict) {
      io.stderr.write(`snac check-privileged: #${pullRequest}: ${verdict.unknown}\n`);
      return EXIT.error;
    }
    if (verdict.privileged.length === 0) {
      io.stdout.write(`snac check-privileged: no privileged changes planned on #${pullRequest}\n`);
      return EXIT.ok;
    }
    const approvers = approversOf(await readReviews(client, pullRequest), pull.headSha);
    const members = approvers.length === 0 ? [] : await teamMembers(teamClient(io, context, client), team, approvers);
    const what = `privileged changes on ${verdict.privileged.join(', ')}`;
    const teamName = `${team.org}/${team.slug}`;
    if (members.length > 0) {
      io.stdout.write(`snac check-privileged: ${what} approved by ${members.join(', ')} of ${teamName} at head ${pull.headSha.slice(0, 12)}\n`);
      return EXIT.ok;
    }
    const others = approvers.length > 0 ? ` (approved by ${approvers.join(', ')}, none of them in the team)` : '';
    io.stderr.write(`snac check-privileged: #${pullRequest} has ${what}: it needs an approving review of its head ${pull.headSha.slice(0, 12)} from a member of ${teamName}${others}\n`);
    return EXIT.error;
  },
};
