import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listComments } from '../github/comments.js';
import { parseMarker } from '../github/marker.js';
import { requireMergedPullRequest } from '../github/merged-pr.js';
import { findPlanComment } from '../github/sticky-comment.js';
import { readPlanFile } from '../plan/read-plan.js';
import { EXIT, UsageError, type Command } from './command.js';
import { openGitHub, prOption } from './github-session.js';

const usage = `Usage: snac check-reviewed --plan plan.json [--instance name] [--pr N]

Before an apply on merge: is this plan the one reviewed on the merged pull request? It reads
the pull request's sticky plan comment for the instance and compares the plan hash in its
marker with the plan's. Apply only when this exits 0; snac apply --plan then checks that the
instance did not change since this plan was made.

Options:
  --plan <file>       the plan just made on the merged commit (snac plan --out)
  --instance <name>   the instance's name in snac.yaml, as snac comment was given it
  --pr <n>            the pull request (default: the one GITHUB_SHA was merged from)

Exit codes: 0 reviewed (or nothing to apply), 1 not reviewed or error.`;

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
    const comment = findPlanComment(await listComments(client, pullRequest), instanceName);
    const reviewed = comment === undefined ? undefined : parseMarker(comment.body, 'snac-plan')?.['plan'];
    if (reviewed === plan.planHash) {
      io.stdout.write(`snac check-reviewed: plan ${plan.planHash.slice(0, 12)} for ${instanceName} is the one reviewed on #${pullRequest}\n`);
      return EXIT.ok;
    }
    const why =
      reviewed === undefined
        ? `#${pullRequest} has no snac plan comment for ${instanceName}: its plan was never posted (a pull request from a fork, or the plan workflow did not run)`
        : `the plan now (${plan.planHash.slice(0, 12)}) is not the one reviewed on #${pullRequest} (${reviewed.slice(0, 12)}): the instance or the declarations changed since the review`;
    io.stderr.write(`snac check-reviewed: ${why}; nothing will be applied. Open a pull request (or re-run its plan) so the current plan is reviewed, then merge it.\n`);
    return EXIT.error;
  },
};
