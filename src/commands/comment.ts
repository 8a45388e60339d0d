import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { SourceRef } from '../diagnostics.js';
import { workflowCommand, planAnnotations, type Annotation } from '../github/annotations.js';
import { writePlanArtifact } from '../github/artifact.js';
import { pullRequestNumber, runUrl } from '../github/context.js';
import { privilegedChanges } from '../github/privileged.js';
import { upsertPlanComment, type StickyOutcome } from '../github/sticky-comment.js';
import { appendStepSummary } from '../github/summary.js';
import { readPlanFile } from '../plan/read-plan.js';
import { renderMarkdown } from '../render/markdown.js';
import { EXIT, UsageError, type Command } from './command.js';
import { openGitHub, prOption } from './github-session.js';

const usage = `Usage: snac comment --plan plan.json [--instance name] [--pr N] [--artifact-dir DIR]
                    [--full-plan-url URL]

Posts a plan on its pull request, for GitHub Actions: one sticky comment per instance (found
again by its hidden marker and edited in place), annotations on the declaring lines, and the
job summary. A run whose commit is no longer the pull request's head (as GitHub reports it)
posts nothing. A plan with no changes updates an existing comment to say so, and creates none.
The plan file's hash is recomputed from its changes: an edited plan is refused.

Options:
  --plan <file>          the plan written by snac plan --out
  --instance <name>      the instance's name in snac.yaml, as the comment shows it
                         (default: the plan's host name)
  --pr <n>               the pull request (default: the event's, from GITHUB_EVENT_PATH)
  --artifact-dir <dir>   also write plan.json, plan.txt and comment.md here, for
                         actions/upload-artifact
  --full-plan-url <url>  where a cut comment sends readers (default: this run's artifacts)

Environment: GITHUB_TOKEN (pull-requests: write), GITHUB_REPOSITORY, GITHUB_EVENT_PATH,
GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_RUN_ID, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE
(annotation paths are relative to it), SNAC_COMMENT_AUTHOR (the login GITHUB_TOKEN posts as;
default github-actions[bot]).

Exit codes: 0 posted (or nothing to post), 1 error.`;

function describe(outcome: StickyOutcome, instance: string, pr: number): string {
  switch (outcome.kind) {
    case 'created':
      return `posted the plan for ${instance} on #${pr} (${outcome.url})`;
    case 'updated':
      return `updated the plan for ${instance} on #${pr} (${outcome.url})`;
    case 'unchanged':
      return `the plan for ${instance} on #${pr} is already up to date (${outcome.url})`;
    case 'stale':
      return `posted nothing for ${instance} on #${pr}: this run planned ${outcome.planned.slice(0, 12)}, but the pull request's head is now ${outcome.head.slice(0, 12)}; that commit's run posts its plan`;
    case 'nothing':
      return `no changes on ${instance}, and no earlier plan on #${pr} to correct: no comment`;
  }
}

export const commentCommand: Command = {
  name: 'comment',
  summary: 'post a plan on its pull request: sticky comment, annotations, job summary',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { plan: { type: 'string' }, instance: { type: 'string' }, pr: { type: 'string' }, 'artifact-dir': { type: 'string' }, 'full-plan-url': { type: 'string' } },
      strict: true,
    });
    if (values.plan === undefined) throw new UsageError('--plan <file> is required');
    const override = prOption(values.pr);
    const plan = await readPlanFile(resolve(io.cwd, values.plan));
    const { context, client } = await openGitHub(io);
    const pullRequest = pullRequestNumber(context, override);
    const instanceName = values.instance ?? plan.instance;

    const run = runUrl(context);
    const fullPlanUrl = values['full-plan-url'] ?? (run === undefined ? undefined : `${run}#artifacts`);
    // The head commit this plan is of, from the event; GITHUB_SHA of a pull_request run is a
    // test merge commit, never a head, so without the event the comment names no head.
    const sha = context.pullRequest?.number === pullRequest ? context.pullRequest.headSha : undefined;
    const marker = {
      ...(sha === undefined ? {} : { sha }),
      ...(context.runId === undefined ? {} : { run: context.runId }),
      privileged: String(privilegedChanges(plan).length),
    };
    const workspace = io.env['GITHUB_WORKSPACE'];
    const inRepository = (file: string) => (workspace ? relative(workspace, resolve(io.cwd, file)) : file);
    // "declared at" links to the line as the pull request's head has it, not as main has it.
    const sourceLink = sha === undefined
      ? undefined
      : (at: SourceRef) => `${context.serverUrl}/${context.owner}/${context.repo}/blob/${sha}/${inRepository(at.file).split(sep).map(encodeURIComponent).join('/')}#L${at.line}`;
    const body = renderMarkdown(plan, { instanceName, marker, ...(fullPlanUrl === undefined ? {} : { fullPlanUrl }), ...(sourceLink === undefined ? {} : { sourceLink }) });

    if (values['artifact-dir'] !== undefined) await writePlanArtifact(resolve(io.cwd, values['artifact-dir']), plan, body, instanceName);
    const fromRoot = (a: Annotation): Annotation => (a.at && workspace ? { ...a, at: { ...a.at, file: inRepository(a.at.file) } } : a);
    for (const annotation of planAnnotations(plan, instanceName)) io.stdout.write(`${workflowCommand(fromRoot(annotation))}\n`);
    await appendStepSummary(context.stepSummary, body);

    const outcome = await upsertPlanComment(client, pullRequest, body, plan.changes.length > 0);
    io.stdout.write(`snac comment: ${describe(outcome, instanceName, pullRequest)}\n`);
    return EXIT.ok;
  },
};
