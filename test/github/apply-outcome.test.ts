import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { renderApplyJson, type ApplyOutcome } from '../../src/render/apply-report.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { captureIo } from '../support/io.js';
import { FakeGitHub } from './fake-github.js';
import { actionsEnv, botComment, changesPlan, emptyPlan, github, REPO, SNAC_BOT, tempDir, userComment, writePlan } from './support.js';

afterEach(() => nock.cleanAll());

const SHA = 'merge0000000000000000000000000000000000';
const PLAN = changesPlan();
const [first, second] = PLAN.changes;

const outcome: ApplyOutcome = {
  instance: PLAN.instance,
  planHash: PLAN.planHash,
  items: [
    { change: first!, result: { outcome: 'ok', request: { method: 'POST', table: 'sys_user_group' }, sysId: 'abc' } },
    { change: second!, result: { outcome: 'failed', error: 'ServiceNow refused: ACL' } },
  ],
  remaining: [second!],
};

async function snac(dir: string, ...argv: string[]) {
  const io = captureIo(actionsEnv(dir), dir);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const associated = (prs: { number: number; merged_at: string | null; merge_commit_sha: string }[]) =>
  github().get(`${REPO}/commits/${SHA}/pulls`).query({ per_page: 100 }).reply(200, prs);

describe('snac report-apply', () => {
  it('comments per-item outcomes on the pull request the pushed commit was merged from, then edits that comment on a resumed apply', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'outcome.json'), renderApplyJson(outcome));
    let posted = '';
    const scope = associated([{ number: 3, merged_at: null, merge_commit_sha: 'other' }, { number: 7, merged_at: '2026-11-02T10:00:00Z', merge_commit_sha: SHA }])
      .get(`${REPO}/issues/7/comments`).query({ per_page: 100 }).reply(200, [userComment(1, 'merging')])
      .post(`${REPO}/issues/7/comments`, (b: { body: string }) => ((posted = b.body), true))
      .reply(201, botComment(2, 'x'));
    const run = await snac(dir, 'report-apply', '--outcome', 'outcome.json');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(scope.isDone()).toBe(true);
    expect(posted.split('\n')[0]).toBe(`<!-- snac-apply instance=test.service_now.com plan=${PLAN.planHash} -->`);
    expect(posted).toContain('**Apply: 1 applied, 1 failed; 1 changes did not converge.**');
    expect(posted).toContain(`| ✓ ok | ${first!.action} | ${first!.kind} \`${first!.key}\` |  |`);
    expect(posted).toContain('| ✗ failed |');
    expect(posted).toContain('ServiceNow refused: ACL');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('### snac apply on test.service-now.com');

    const again = associated([{ number: 7, merged_at: '2026-11-02T10:00:00Z', merge_commit_sha: SHA }])
      .get(`${REPO}/issues/7/comments`).query({ per_page: 100 }).reply(200, [botComment(2, posted)])
      .patch(`${REPO}/issues/comments/2`).reply(200, botComment(2, 'y'));
    expect((await snac(dir, 'report-apply', '--outcome', 'outcome.json')).out).toContain('updated the outcome on #7');
    expect(again.isDone()).toBe(true);
  });

  it('refuses a file that is not an apply outcome, and a commit not merged from a pull request', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.json'), '{"formatVersion":1}');
    expect((await snac(dir, 'report-apply', '--outcome', 'plan.json')).err).toContain('plan.json is not an apply outcome');
    writeFileSync(join(dir, 'outcome.json'), renderApplyJson(outcome));
    const scope = associated([]);
    const run = await snac(dir, 'report-apply', '--outcome', 'outcome.json');
    expect(run.code).toBe(1);
    expect(run.err).toContain(`commit ${SHA.slice(0, 12)} was not merged from a pull request`);
    expect(scope.isDone()).toBe(true);
  });
});

describe('snac check-reviewed', () => {
  const HEAD = 'head1234';
  /** A merged pull request whose plan snac posted for its final head, approved after that. */
  function reviewedPullRequest(p = PLAN) {
    const gh = new FakeGitHub();
    gh.openPull(7, HEAD);
    gh.comment(7, SNAC_BOT, renderMarkdown(p, { instanceName: 'prod', marker: { sha: HEAD, run: '50' } }));
    gh.review(7, 'dana', 'APPROVED');
    gh.merge(7, SHA);
    return gh;
  }

  it('passes when the merged pull request\'s plan comment carries this plan\'s hash', async () => {
    const dir = tempDir();
    writePlan(dir, PLAN);
    reviewedPullRequest();
    const run = await snac(dir, 'check-reviewed', '--plan', 'plan.json', '--instance', 'prod');
    expect(run.out).toContain(`plan ${PLAN.planHash.slice(0, 12)} for prod is the one reviewed on #7 at ${HEAD}, approved by dana`);
    expect(run.code).toBe(0);
  });

  it('refuses a plan that differs from the reviewed one, and one never posted', async () => {
    const dir = tempDir();
    writePlan(dir, PLAN);
    reviewedPullRequest(emptyPlan());
    const stale = await snac(dir, 'check-reviewed', '--plan', 'plan.json', '--instance', 'prod');
    expect(stale.code).toBe(1);
    expect(stale.err).toContain(`the plan now (${PLAN.planHash.slice(0, 12)}) is not the one reviewed on #7`);
    const never = await snac(dir, 'check-reviewed', '--plan', 'plan.json', '--instance', 'dev');
    expect(never.code).toBe(1);
    expect(never.err).toContain('#7 has no plan comment for dev by github-actions[bot]: its plan was never posted');
  });

  it('has nothing to check when the plan has no changes', async () => {
    const dir = tempDir();
    writePlan(dir, emptyPlan());
    const run = await snac(dir, 'check-reviewed', '--plan', 'plan.json', '--instance', 'prod');
    expect(run.code).toBe(0);
    expect(run.out).toContain('no changes on prod: nothing to apply');
  });
});
