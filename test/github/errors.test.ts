import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { listComments } from '../../src/github/comments.js';
import { createRepoClient } from '../../src/github/client.js';
import { loadGitHubContext } from '../../src/github/context.js';
import { describeError } from '../../src/diagnostics.js';
import { botComment, client, context, github, REPO, TOKEN } from './support.js';

afterEach(() => nock.cleanAll());

const failure = async (promise: Promise<unknown>) => describeError(await promise.then(() => undefined, (e: unknown) => e));

describe('GitHub API failures', () => {
  it.each([
    [401, { message: 'Bad credentials' }, {}, 'GitHub did not accept the token when asked to list the comments of #7 (HTTP 401: Bad credentials)'],
    [403, { message: 'Resource not accessible by integration' }, {}, 'it lacks "pull-requests: read (issues: read for an issue)"'],
    [404, { message: 'Not Found' }, {}, 'it does not exist, or the token cannot see it without "pull-requests: read'],
    [403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' }, 'GitHub rate-limited the call to list the comments of #7'],
  ])('HTTP %i is not retried, and says what is missing', async (status, body, headers, expected) => {
    const scope = github().get(`${REPO}/issues/7/comments`).query(true).reply(status, body, headers);
    const said = await failure(listComments(client(), 7));
    expect(said).toContain(expected);
    expect(said).not.toContain(TOKEN);
    expect(scope.isDone()).toBe(true);
  });

  it('retries server errors, and waits out a rate limit a bounded number of times', async () => {
    const flaky = github()
      .get(`${REPO}/issues/7/comments`).query(true).reply(502, 'bad gateway')
      .get(`${REPO}/issues/7/comments`).query(true).reply(200, [botComment(1, 'hello')]);
    expect(await listComments(client(), 7)).toEqual([expect.objectContaining({ id: 1, body: 'hello', author: 'github-actions[bot]' })]);
    expect(flaky.isDone()).toBe(true);

    const warnings: string[] = [];
    const paced = createRepoClient(context, { retryAfterBaseValue: 0.001, warn: (m) => warnings.push(m) });
    const limited = github()
      .get(`${REPO}/issues/8/comments`).query(true).times(3)
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' });
    expect(await failure(listComments(paced, 8))).toContain('GitHub rate-limited the call');
    expect(limited.isDone()).toBe(true);
    expect(warnings).toEqual([expect.stringContaining('retrying'), expect.stringContaining('retrying'), expect.stringContaining('giving up')]);
  });

  it('reaches GitHub Enterprise through GITHUB_API_URL', async () => {
    const ghe = await loadGitHubContext({ GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'acme/servicenow-access', GITHUB_API_URL: 'https://ghe.acme.example/api/v3/' });
    const scope = nock('https://ghe.acme.example').get('/api/v3/repos/acme/servicenow-access/issues/7/comments').query(true).reply(200, []);
    expect(await listComments(createRepoClient(ghe, { pacing: false }), 7)).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('the Actions environment', () => {
  it('names each missing or malformed variable', async () => {
    await expect(loadGitHubContext({})).rejects.toThrow('GITHUB_TOKEN is not set');
    await expect(loadGitHubContext({ GITHUB_TOKEN: TOKEN })).rejects.toThrow('GITHUB_REPOSITORY is not set');
    await expect(loadGitHubContext({ GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'acme' })).rejects.toThrow('GITHUB_REPOSITORY is "acme", not owner/name');
    await expect(loadGitHubContext({ GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'a/b', GITHUB_EVENT_PATH: '/nonexistent/event.json' })).rejects.toThrow(
      'GITHUB_EVENT_PATH /nonexistent/event.json cannot be read (ENOENT)',
    );
  });
});
