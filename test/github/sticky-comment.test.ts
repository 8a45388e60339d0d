import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { upsertPlanComment } from '../../src/github/sticky-comment.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { changesPlan, client, emptyPlan, SNAC_BOT } from './support.js';
import { FakeGitHub, OTHER_APP_TOKEN } from './fake-github.js';

const PLAN = changesPlan();
const body = (sha: string, run: string, p = PLAN) => renderMarkdown(p, { instanceName: 'prod-eu', marker: { sha, run } });

afterEach(() => nock.cleanAll());

function pullRequest(head = 'head1') {
  const gh = new FakeGitHub();
  gh.openPull(7, head);
  gh.comment(7, SNAC_BOT, '<!-- snac-plan instance=dev plan=aaa sha=head1 -->\nthe dev plan');
  return gh;
}

describe('the sticky plan comment', () => {
  it('is created on the first run, once, and only once a plan has changes', async () => {
    const gh = pullRequest();
    expect(await upsertPlanComment(client(), 7, body('head1', '100', emptyPlan()), false)).toEqual({ kind: 'nothing' });
    expect(await upsertPlanComment(client(), 7, body('head1', '100'), true)).toMatchObject({ kind: 'created', url: expect.stringContaining('issuecomment-') });
    expect(await upsertPlanComment(client(), 7, body('head1', '100'), true)).toMatchObject({ kind: 'unchanged' });
    expect(gh.bodies(7)).toHaveLength(2);
  });

  it('is edited in place by the run of a later push, whatever the run ids say', async () => {
    const gh = pullRequest();
    await upsertPlanComment(client(), 7, body('head1', '900'), true);
    gh.push(7, 'head2');
    expect(await upsertPlanComment(client(), 7, body('head2', '101'), true)).toMatchObject({ kind: 'updated' });
    expect(gh.bodies(7)).toEqual([expect.stringContaining('instance=dev'), body('head2', '101')]);
  });

  it('is left alone by a run of a commit that is no longer the head (a slow run, or a re-run of an old one)', async () => {
    const gh = pullRequest();
    await upsertPlanComment(client(), 7, body('head1', '100'), true);
    gh.push(7, 'head2');
    await upsertPlanComment(client(), 7, body('head2', '101'), true);
    expect(await upsertPlanComment(client(), 7, body('head1', '99999999'), true)).toEqual({ kind: 'stale', planned: 'head1', head: 'head2' });
    expect(gh.bodies(7)[1]).toBe(body('head2', '101'));
  });

  it('is replaced by "no changes" when a later push undoes the change', async () => {
    const gh = pullRequest();
    await upsertPlanComment(client(), 7, body('head1', '100'), true);
    gh.push(7, 'head2');
    const quiet = body('head2', '101', emptyPlan());
    expect(quiet).toContain('No changes. The instance matches the declarations.');
    expect(await upsertPlanComment(client(), 7, quiet, false)).toMatchObject({ kind: 'updated' });
    expect(gh.bodies(7)[1]).toBe(quiet);
  });

  it('never adopts a comment by a person or another app, nor a marker that does not open the comment', async () => {
    const gh = pullRequest();
    gh.comment(7, 'mallory', body('head1', '1'));
    gh.comment(7, 'other-app[bot]', body('head1', '1'));
    gh.comment(7, SNAC_BOT, `quoted:\n${body('head1', '1')}`);
    expect(await upsertPlanComment(client(), 7, body('head1', '2'), true)).toMatchObject({ kind: 'created' });
    expect(gh.bodies(7).filter((b) => b === body('head1', '2'))).toHaveLength(1);
  });

  it('is posted as the configured account when snac posts through a GitHub App', async () => {
    const gh = pullRequest();
    gh.comment(7, 'snac-app[bot]', body('head1', '1'));
    const asApp = client({ token: OTHER_APP_TOKEN, trustedAuthor: 'other-app[bot]' });
    expect(await upsertPlanComment(asApp, 7, body('head1', '2'), true)).toMatchObject({ kind: 'created' });
    expect(await upsertPlanComment(asApp, 7, body('head1', '3'), true)).toMatchObject({ kind: 'updated' });
    expect(gh.comments.get(7)?.filter((c) => c.user.login === 'other-app[bot]').map((c) => c.body)).toEqual([body('head1', '3')]);
  });
});
