import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import type { Plan } from '../../src/plan/change.js';
import { plan } from '../../src/planner/plan.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/render/markdown.js';
import { captureIo } from '../support/io.js';
import { account, desiredState, liveState } from '../support/states.js';
import { actionsEnv, botComment, changesPlan, github, REPO, tempDir, TOKEN, writePlan, writePullRequestEvent } from './support.js';
import { mechanicsOnly } from '../support/plan-context.js';

afterEach(() => nock.cleanAll());

/** 3,000 changes: far past what one comment may hold. */
function hugePlan(): Plan {
  const accounts = Array.from({ length: 1500 }, (_, i) => account(`svc_${String(i).padStart(4, '0')}`, { email: `svc${i}@acme.example` }, { roles: ['itil'] }));
  return plan(desiredState({ accounts, config: { safety: { maxPrunes: 10, maxChangeShare: 1, minAdmins: 1 } } }), liveState(), mechanicsOnly());
}

async function snac(dir: string, argv: string[], env: Record<string, string>) {
  const io = captureIo(env, dir);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('snac comment', () => {
  it('cuts a huge plan to fit, links the run\'s artifacts, writes the artifact, annotations and the job summary', async () => {
    const dir = tempDir();
    writePlan(dir, hugePlan());
    const env = actionsEnv(dir, { GITHUB_EVENT_PATH: writePullRequestEvent(dir, 7, 'head1234') });
    let posted = '';
    const scope = github()
      .get(`${REPO}/pulls/7`).reply(200, { number: 7, head: { sha: 'head1234' }, merged_at: null })
      .get(`${REPO}/issues/7/comments`).query({ per_page: 100 }).reply(200, [])
      .post(`${REPO}/issues/7/comments`, (b: { body: string }) => ((posted = b.body), true))
      .reply(201, (_uri, b) => botComment(11, (b as { body: string }).body));

    const run = await snac(dir, ['comment', '--plan', 'plan.json', '--instance', 'prod', '--artifact-dir', 'out'], env);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(scope.isDone()).toBe(true);

    expect(posted.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(posted.split('\n')[0]).toMatch(/^<!-- snac-plan instance=prod plan=[0-9a-f]{64} sha=head1234 run=9001 privileged=0 -->$/);
    expect(posted).toContain('rows are not shown. See [the full plan](https://github.com/acme/servicenow-access/actions/runs/9001#artifacts).');
    expect(readFileSync(join(dir, 'out', 'comment.md'), 'utf8')).toBe(posted);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'plan.json'), 'utf8'))).toMatchObject({ changes: { length: 3000 } });
    expect(readFileSync(join(dir, 'out', 'plan.txt'), 'utf8')).toContain('svc_1499');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(`${posted.trimEnd()}\n\n`);
    expect(run.out).toContain('snac comment: posted the plan for prod on #7 (https://github.com/acme/servicenow-access/pull/7#issuecomment-11)');
  });

  it('annotates high-risk changes relative to the workspace and marks privileged changes in the marker', async () => {
    const dir = tempDir();
    writePlan(dir, changesPlan());
    const env = actionsEnv(dir, { GITHUB_EVENT_PATH: writePullRequestEvent(dir, 7, 'head1234'), GITHUB_WORKSPACE: join(dir, '..') });
    let posted = '';
    const scope = github()
      .get(`${REPO}/pulls/7`).reply(200, { number: 7, head: { sha: 'head1234' }, merged_at: null })
      .get(`${REPO}/issues/7/comments`).query({ per_page: 100 }).reply(200, [])
      .post(`${REPO}/issues/7/comments`, (b: { body: string }) => ((posted = b.body), true))
      .reply(201, botComment(12, 'x'));
    const run = await snac(dir, ['comment', '--plan', 'plan.json'], env);
    expect(run.code).toBe(0);
    expect(scope.isDone()).toBe(true);
    const folder = dir.split('/').at(-1);
    expect(run.out).toContain(`::warning file=${folder}/accounts/test.yaml,line=1,col=1,title=snac grant on test.service-now.com::GroupRole ops → admin`);
    expect(posted).toMatch(/ privileged=2 -->/);
    // "declared at" links to the line at the pull request's head commit, relative to the repository.
    expect(posted).toContain(`| [accounts/test.yaml:1:1](https://github.com/acme/servicenow-access/blob/head1234/${folder}/accounts/test.yaml#L1) |`);
    expect(posted).toContain('| + grant | group role `ops → admin` |');
    expect(posted.trimEnd().split('\n').at(-3)).toMatch(/^\*\*Merging (applies exactly these \d+ changes to `test\.service-now\.com`, and refuses if the instance changed since this plan|will change nothing on `test\.service-now\.com`: the apply refuses a plan with blocking findings)\.\*\*$/);
  });

  it('names the missing variable, and explains a missing permission without ever printing the token', async () => {
    const dir = tempDir();
    writePlan(dir, changesPlan());
    const { GITHUB_TOKEN: _token, ...noToken } = actionsEnv(dir);
    const missing = await snac(dir, ['comment', '--plan', 'plan.json', '--pr', '7'], noToken);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('GITHUB_TOKEN is not set');

    const scope = github()
      .get(`${REPO}/issues/7/comments`).query({ per_page: 100 }).reply(200, [])
      .post(`${REPO}/issues/7/comments`)
      .reply(403, { message: `Resource not accessible by integration (token ${TOKEN})`, documentation_url: 'https://docs.github.com/rest' });
    const refused = await snac(dir, ['comment', '--plan', 'plan.json', '--pr', '7'], actionsEnv(dir));
    expect(scope.isDone()).toBe(true);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('the token may not comment on #7 (HTTP 403: Resource not accessible by integration (token [redacted])): it lacks "pull-requests: write"');
    expect(refused.err).toContain('give the job "permissions: pull-requests: write"');
    expect(`${refused.out}${refused.err}${readFileSync(join(dir, 'summary.md'), 'utf8')}`).not.toContain(TOKEN);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
