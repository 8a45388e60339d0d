import { SnacError } from '../diagnostics.js';
import { redact } from '../redact.js';
import type { GitHub, RepoClient } from './client.js';

/** One call to GitHub, said the way a user reads it, and the token permission it needs. */
export interface GitHubCall {
  /** "update the plan comment on pull request #12" */
  readonly action: string;
  /** "pull-requests: write" */
  readonly permission: string;
}

interface HttpFailure {
  readonly status: number;
  readonly response?: { readonly data?: unknown; readonly headers?: Readonly<Record<string, string | number | undefined>> };
}

function isHttpFailure(error: unknown): error is HttpFailure {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}

/** GitHub's own message from the response body; nothing from the request (its headers hold the token). */
function githubMessage(failure: HttpFailure): string {
  const data = failure.response?.data;
  const message = typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : 'no message';
}

/**
 * Run one GitHub call, turning a failure into a SnacError that says what was refused and which
 * permission the job's token lacks. Whatever GitHub says is cleaned of the token (and its
 * encoded forms) before it is shown, in case a misconfigured proxy echoes it.
 */
export async function callGitHub<T>(client: RepoClient, call: GitHubCall, run: (gh: GitHub) => Promise<T>): Promise<T> {
  try {
    return await run(client.gh);
  } catch (error) {
    throw explainGitHubError(error, call, client.token);
  }
}

export function explainGitHubError(error: unknown, call: GitHubCall, token: string): SnacError {
  const clean = (text: string) => redact(text, [token]);
  const grant = `give the job "permissions: ${call.permission}" (or the same permission to the GitHub App or token in GITHUB_TOKEN)`;
  if (!isHttpFailure(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new SnacError(clean(`could not ${call.action}: ${reason}`), 'github-unreachable', 'check GITHUB_API_URL and the runner\'s network, then run the job again');
  }
  const said = clean(githubMessage(error));
  const status = `HTTP ${error.status}: ${said}`;
  const remaining = error.response?.headers?.['x-ratelimit-remaining'];
  if ((error.status === 403 || error.status === 429) && (String(remaining) === '0' || /rate limit/i.test(said))) {
    return new SnacError(`GitHub rate-limited the call to ${call.action} (${status})`, 'github-rate-limit', 'run the job again later; snac already waited and retried');
  }
  switch (error.status) {
    case 401:
      return new SnacError(`GitHub did not accept the token when asked to ${call.action} (${status})`, 'github-token', 'the token in GITHUB_TOKEN is missing, expired or revoked: pass github.token or a fresh GitHub App token');
    case 403:
      return new SnacError(`the token may not ${call.action} (${status}): it lacks "${call.permission}"`, 'github-permission', grant);
    case 404:
      return new SnacError(`GitHub answered "not found" when asked to ${call.action} (${status}): it does not exist, or the token cannot see it without "${call.permission}"`, 'github-permission', `check the repository and number, and ${grant}`);
    case 422:
      return new SnacError(`GitHub refused to ${call.action} (${status})`, 'github-rejected', 'the request was well-formed but GitHub would not do it: read its message above');
    default:
      return new SnacError(`GitHub failed to ${call.action} (${status})`, 'github-failed', 'snac retried already; run the job again, and check GitHub\'s status page if it persists');
  }
}
