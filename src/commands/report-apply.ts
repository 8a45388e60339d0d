import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { postApplyOutcome } from '../github/apply-comment.js';
import { requireMergedPullRequest } from '../github/merged-pr.js';
import { readApplyOutcome } from '../github/read-outcome.js';
import { appendStepSummary } from '../github/summary.js';
import { renderApplyMarkdown } from '../render/apply-report.js';
import { EXIT, UsageError, type Command } from './command.js';
import { openGitHub, prOption } from './github-session.js';

const usage = `Usage: snac report-apply --outcome outcome.json [--pr N]

Posts what an apply did, item by item, on the pull request whose plan it applied (the one the
pushed commit GITHUB_SHA was merged from), and adds it to the job summary. Applying the same
plan again (a resumed apply) edits that comment instead of adding one.

Options:
  --outcome <file>   what snac apply --format json wrote
  --pr <n>           the pull request (default: the one GITHUB_SHA was merged from)

Environment: GITHUB_TOKEN (pull-requests: write, contents: read), GITHUB_REPOSITORY, GITHUB_SHA,
GITHUB_API_URL, GITHUB_STEP_SUMMARY.

Exit codes: 0 posted, 1 error. (The apply's own exit code says whether it succeeded.)`;

export const reportApplyCommand: Command = {
  name: 'report-apply',
  summary: 'post the outcome of an apply on the merged pull request',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { outcome: { type: 'string' }, pr: { type: 'string' } }, strict: true });
    if (values.outcome === undefined) throw new UsageError('--outcome <file> is required');
    const override = prOption(values.pr);
    const outcome = await readApplyOutcome(resolve(io.cwd, values.outcome));
    const { context, client } = await openGitHub(io);
    const pullRequest = await requireMergedPullRequest(client, context.sha, override);
    await appendStepSummary(context.stepSummary, renderApplyMarkdown(outcome));
    const posted = await postApplyOutcome(client, pullRequest, outcome);
    io.stdout.write(`snac report-apply: ${posted.kind === 'created' ? 'posted' : 'updated'} the outcome on #${pullRequest} (${posted.url})\n`);
    return EXIT.ok;
  },
};
