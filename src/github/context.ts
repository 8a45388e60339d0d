import { readFile } from 'node:fs/promises';
import { SnacError } from '../diagnostics.js';

/** The pull request an Actions run is about, from its event payload. */
export interface PullRequestRef {
  readonly number: number;
  readonly headSha: string;
}

/**
 * What the snac GitHub commands need from the standard Actions environment. API and server
 * URLs come from the environment, so GitHub Enterprise Server works the same way.
 */
export interface GitHubContext {
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  readonly apiUrl: string;
  readonly serverUrl: string;
  readonly sha?: string;
  readonly runId?: string;
  readonly runAttempt?: string;
  /** The file GitHub renders as the job summary. */
  readonly stepSummary?: string;
  /** Present for pull_request and pull_request_review events. */
  readonly pullRequest?: PullRequestRef;
  /**
   * The login snac posts as (SNAC_COMMENT_AUTHOR, default github-actions[bot]; a GitHub App
   * posts as `<app-slug>[bot]`). Only its comments' markers are trusted.
   */
  readonly trustedAuthor?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new SnacError(`${name} is not set: it holds ${what}`, 'github-env', `run this inside GitHub Actions, or set ${name} yourself`);
  }
  return value;
}

function present(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Read the Actions environment and the event payload; every missing piece is named. */
export async function loadGitHubContext(env: Env): Promise<GitHubContext> {
  const token = required(env, 'GITHUB_TOKEN', 'the token snac calls the GitHub API with (pass github.token or a GitHub App token)');
  const repository = required(env, 'GITHUB_REPOSITORY', 'the repository as owner/name');
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0) throw new SnacError(`GITHUB_REPOSITORY is "${repository}", not owner/name`, 'github-env', 'set it to owner/name');
  const [sha, runId, runAttempt, stepSummary] = ['GITHUB_SHA', 'GITHUB_RUN_ID', 'GITHUB_RUN_ATTEMPT', 'GITHUB_STEP_SUMMARY'].map((name) => present(env, name));
  const eventPath = present(env, 'GITHUB_EVENT_PATH');
  const pullRequest = eventPath ? await readPullRequest(eventPath) : undefined;
  const trustedAuthor = present(env, 'SNAC_COMMENT_AUTHOR');
  return {
    token,
    owner,
    repo,
    apiUrl: (present(env, 'GITHUB_API_URL') ?? 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: (present(env, 'GITHUB_SERVER_URL') ?? 'https://github.com').replace(/\/+$/, ''),
    ...(sha === undefined ? {} : { sha }),
    ...(runId === undefined ? {} : { runId }),
    ...(runAttempt === undefined ? {} : { runAttempt }),
    ...(stepSummary === undefined ? {} : { stepSummary }),
    ...(pullRequest === undefined ? {} : { pullRequest }),
    ...(trustedAuthor === undefined ? {} : { trustedAuthor }),
  };
}

async function readPullRequest(path: string): Promise<PullRequestRef | undefined> {
  let payload: unknown;
  try {
    payload = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'is not JSON' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new SnacError(`GITHUB_EVENT_PATH ${path} ${why}`, 'github-env', 'point GITHUB_EVENT_PATH at the event payload GitHub wrote, or unset it');
  }
  const pr = (payload as { pull_request?: { number?: unknown; head?: { sha?: unknown } } }).pull_request;
  if (typeof pr?.number !== 'number' || typeof pr.head?.sha !== 'string') return undefined;
  return { number: pr.number, headSha: pr.head.sha };
}

/** The pull request a command is about: --pr wins, then the event's. */
export function pullRequestNumber(context: GitHubContext, override?: number): number {
  if (override !== undefined) return override;
  if (context.pullRequest) return context.pullRequest.number;
  throw new SnacError(
    'no pull request: the event payload at GITHUB_EVENT_PATH has no pull_request',
    'github-env',
    'run this on a pull_request or pull_request_review event, or pass --pr <number>',
  );
}

/** The page of this workflow run, where its artifacts are listed. */
export function runUrl(context: GitHubContext): string | undefined {
  return context.runId === undefined ? undefined : `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}`;
}
