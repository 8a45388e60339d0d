import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isTrustedAuthor, lastEditor, listComments } from '../github/comments.js';
import { requireMergedPullRequest } from '../github/merged-pr.js';
import { approversOf, readPull, readReviews, workflowFilesChanged } from '../github/pulls.js';
import { findPlanComment } from '../github/sticky-comment.js';
import { readPlanFile } from '../plan/read-plan.js';
import { EXIT, UsageError, type Command } from './command.js';
import { openGitHub, prOption } from './github-session.js';

const usage = `Usage: snac check-reviewed --plan plan.json [--instance name] [--pr N]

Before an apply on merge: is this plan the one reviewed on the merged pull request? It reads
the pull request's plan comment for the instance (written, and last edited if at all, by the
account snac posts as, with its marker first) and requires all three:
  1. the comment shows the plan of the pull request's final head commit;
  2. someone approved that commit after the comment was last updated (GitHub's timestamps);
  3. the plan just made (its hash recomputed from its changes) is the one the comment shows.
A pull request that changed the workflows or the action is refused: its own copy of them ran
with a token that may comment.
Apply only when this exits 0; snac apply --plan then checks that the instance did not change
since this plan was made.

Options:
  --plan <file>       the plan just made on the merged commit (snac plan --out)
  --instance <name>   the instance's name in snac.yaml, as snac comment was given it
  --pr <n>            the pull request (default: the one GITHUB_SHA was merged from)

Environment: GITHUB_TOKEN (pull-requests: read, contents: read), GITHUB_REPOSITORY, GITHUB_SHA,
GITHUB_API_URL, SNAC_COMMENT_AUTHOR (the login snac posts as; default github-actions[bot]).

Exit codes: 0 reviewed (or nothing to apply), 1 not reviewed or error.`;

const short = (sha: string | undefined) => (sha ?? 'none').slice(0, 12);

export const checkReviewedCommand: Command = {
  name: 'check-reviewed',
  summary: 'check that a plan is the one reviewed on the merged pull request',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { plan: { type: 'string' }, instance: { type: 'string' }, pr: { type: 'string' } }, strict: true });
    if (values.plan === undefined) throw new UsageError('--plan <file> is required');
    const override = prOption(values.pr);
    const plan = await readPlanFile(resolve(io.cwd, values.plan));
    const instanceName = values.instance ?? plan.instance;
    if (plan.changes.length === 0) {
      io.stdout.write(`snac check-reviewed: no changes on ${instanceName}: nothing to apply\n`);
      return EXIT.ok;
    }
    const { context, client } = await openGitHub(io);
    const pullRequest = await requireMergedPullRequest(client, context.sha, override);
    const refuse = (why: string) => {
      io.stderr.write(`snac check-reviewed: ${why}; nothing will be applied. Open a pull request (or re-run its plan) so the current plan is reviewed, then merge it.\n`);
      return EXIT.error;
    };
    const pull = await readPull(client, pullRequest);
    if (!pull.merged) return refuse(`#${pullRequest} is not merged: only the plan of a merged pull request is applied`);
    const found = findPlanComment(client, await listComments(client, pullRequest), instanceName);
    if (found === undefined) {
      return refuse(`#${pullRequest} has no plan comment for ${instanceName} by ${client.trustedAuthor}: its plan was never posted (a pull request from a fork, or the plan workflow did not run)`);
    }
    const { comment, marker } = found;
    const failed: string[] = [];
    const workflows = await workflowFilesChanged(client, pullRequest);
    if (workflows.length > 0) {
      failed.push(`#${pullRequest} changed ${workflows.join(', ')}: its own workflow code ran with a token that may comment, so its plan comment may not be snac's (merge workflow changes on their own, then change the declarations in a new pull request)`);
    }
    const editor = await lastEditor(client, comment);
    if (editor !== undefined && !isTrustedAuthor(client, editor)) {
      failed.push(`the plan comment was last edited by ${editor}, not by ${client.trustedAuthor}: what the reviewers saw is not snac's plan`);
    }
    if (marker['sha'] !== pull.headSha) {
      failed.push(`the plan comment shows head ${short(marker['sha'])}, but #${pullRequest} was merged at head ${short(pull.headSha)}: the final commit's plan was never posted`);
    }
    const approvers = approversOf(await readReviews(client, pullRequest), pull.headSha, comment.updatedAt);
    if (approvers.length === 0) {
      failed.push(`no approving review of head ${short(pull.headSha)} was submitted after the plan comment was last updated (${comment.updatedAt})`);
    }
    if (marker['plan'] !== plan.planHash) {
      failed.push(`the plan now (${short(plan.planHash)}) is not the one reviewed on #${pullRequest} (${short(marker['plan'])}): the instance or the declarations changed since the review`);
    }
    if (failed.length > 0) return refuse(failed.join('; and '));
    io.stdout.write(`snac check-reviewed: plan ${short(plan.planHash)} for ${instanceName} is the one reviewed on #${pullRequest} at ${short(pull.headSha)}, approved by ${approvers.join(', ')}\n`);
    return EXIT.ok;
  },
};
