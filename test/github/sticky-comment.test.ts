import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { supersedes, upsertPlanComment } from '../../src/github/sticky-comment.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { botComment, changesPlan, client, emptyPlan, github, REPO, userComment } from './support.js';

const PLAN = changesPlan();
const body = (run: string, p = PLAN, attempt = '1') => renderMarkdown(p, { instanceName: 'prod-eu', marker: { sha: 'abc', run, attempt } });
const other = botComment(1, '<!-- snac-plan instance=dev plan=aaa run=5 attempt=1 -->\nthe dev plan');

afterEach(() => nock.cleanAll());

describe('the sticky plan comment', () => {
  it('is created on the first run, once, and only once a plan has changes', async () => {
    const scope = github()
      .get(`${REPO}/issues/7/comments`).query({ per_page: 100 }).reply(200, [other])
      .post(`${REPO}/issues/7/comments`, (b: { body: string }) => b.body === body('100'))
      .reply(201, botComment(2, body('100')));
    expect(await upsertPlanComment(client(), 7, body('100'), true)).toEqual({ kind: 'created', url: expect.stringContaining('issuecomment-2') });
    expect(scope.isDone()).toBe(true);
  });

  it('is edited in place by a later run, found on a later page by its instance marker', async () => {
    const page2 = `${'https://api.github.com'}${REPO}/issues/7/comments?per_page=100&page=2`;
    const scope = github()
      .get(`${REPO}/issues/7/comments`).query({ per_page: 100 }).reply(200, [other], { link: `<${page2}>; rel="next"` })
      .get(`${REPO}/issues/7/comments`).query({ per_page: 100, page: 2 }).reply(200, [botComment(3, body('100')), userComment(4, 'looks good')])
      .patch(`${REPO}/issues/comments/3`, (b: { body: string }) => b.body === body('101'))
      .reply(200, botComment(3, body('101')));
    expect(await upsertPlanComment(client(), 7, body('101'), true)).toMatchObject({ kind: 'updated' });
    expect(scope.isDone()).toBe(true);
  });

  it('is left alone by a run older than the one that posted it (a slow run, or a re-run of an old one)', async () => {
    const scope = github().get(`${REPO}/issues/7/comments`).query({ per_page: 100 }).reply(200, [botComment(3, body('120'))]);
    expect(await upsertPlanComment(client(), 7, body('119', PLAN, '3'), true)).toMatchObject({ kind: 'older', shown: { run: '120' } });
    expect(scope.isDone()).toBe(true);
  });

  it('is replaced by "no changes" when a later push undoes the change, and not created for no changes', async () => {
    const quiet = body('130', emptyPlan());
    expect(quiet).toContain('No changes. The instance matches the declarations.');
    const scope = github()
      .get(`${REPO}/issues/7/comments`).query({ per_page: 100 }).reply(200, [botComment(3, body('120'))])
      .patch(`${REPO}/issues/comments/3`, (b: { body: string }) => b.body === quiet).reply(200, botComment(3, quiet))
      .get(`${REPO}/issues/8/comments`).query({ per_page: 100 }).reply(200, [other]);
    expect(await upsertPlanComment(client(), 7, quiet, false)).toMatchObject({ kind: 'updated' });
    expect(await upsertPlanComment(client(), 8, quiet, false)).toEqual({ kind: 'nothing' });
    expect(scope.isDone()).toBe(true);
  });

  it('is not edited when the body is the same, and ignores markers typed by people', async () => {
    const forged = userComment(5, body('999'));
    const scope = github()
      .get(`${REPO}/issues/7/comments`).query({ per_page: 100 }).reply(200, [botComment(3, body('140')), forged])
      .get(`${REPO}/issues/9/comments`).query({ per_page: 100 }).reply(200, [forged])
      .post(`${REPO}/issues/9/comments`).reply(201, botComment(6, body('140')));
    expect(await upsertPlanComment(client(), 7, body('140'), true)).toMatchObject({ kind: 'unchanged' });
    expect(await upsertPlanComment(client(), 9, body('140'), true)).toMatchObject({ kind: 'created' });
    expect(scope.isDone()).toBe(true);
  });
});

describe('which run may overwrite a comment', () => {
  it.each([
    [{ run: '101' }, { run: '100' }, true],
    [{ run: '99', attempt: '4' }, { run: '100' }, false],
    [{ run: '100', attempt: '2' }, { run: '100', attempt: '1' }, true],
    [{ run: '100', attempt: '1' }, { run: '100', attempt: '2' }, false],
    [{ run: '100' }, { run: '100' }, true],
    [{ run: '100' }, {}, true],
    [{}, { run: '100' }, true],
  ])('%o over %o: %s', (candidate, shown, expected) => {
    expect(supersedes(candidate, shown)).toBe(expected);
  });
});
