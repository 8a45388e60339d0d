import { randomUUID } from 'node:crypto';
import { Octokit } from 'octokit';
import type { GitHubContext } from './context.js';

export type GitHub = InstanceType<typeof Octokit>;

/** An octokit bound to the repository the workflow runs in. */
export interface RepoClient {
  readonly gh: GitHub;
  readonly owner: string;
  readonly repo: string;
  /** Kept only so error messages can be scrubbed of it. */
  readonly token: string;
  /** The one account whose comments may carry snac's markers (the one snac posts as). */
  readonly trustedAuthor: string;
}

/** The account GitHub Actions' own token posts as. */
export const DEFAULT_TRUSTED_AUTHOR = 'github-actions[bot]';

export interface GitHubOptions {
  /** Where octokit's warnings go (rate limits, retries); never request headers. */
  readonly warn?: (message: string) => void;
  /**
   * Milliseconds per second of GitHub's Retry-After and back-off (default 1000). Tests pass a
   * small number so retries are exercised without waiting.
   */
  readonly retryAfterBaseValue?: number;
  /** Space writes out as GitHub asks (default true); tests of other things turn it off. */
  readonly pacing?: boolean;
}

/** How many times a rate-limited request is tried again before its error is reported. */
const RATE_LIMIT_RETRIES = 2;

/**
 * An octokit for the repository's API (GitHub.com or Enterprise Server): 5xx and network
 * failures retried with back-off (plugin-retry), primary and secondary rate limits waited out
 * a bounded number of times (plugin-throttling). The token is only ever in the auth header.
 */
export function createRepoClient(context: GitHubContext, options: GitHubOptions = {}): RepoClient {
  return { gh: createGitHub(context, options), owner: context.owner, repo: context.repo, token: context.token, trustedAuthor: context.trustedAuthor ?? DEFAULT_TRUSTED_AUTHOR };
}

function createGitHub(context: GitHubContext, options: GitHubOptions): GitHub {
  const warn = options.warn ?? (() => {});
  const base = options.retryAfterBaseValue ?? 1000;
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string; request: { retryCount: number } }) => {
    const again = request.request.retryCount < RATE_LIMIT_RETRIES;
    warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}${again ? `: retrying in ${retryAfter} s` : ': giving up'}`);
    return again;
  };
  return new Octokit({
    auth: context.token,
    baseUrl: context.apiUrl,
    userAgent: 'snac',
    log: { debug: () => {}, info: () => {}, warn, error: warn },
    retry: { retryAfterBaseValue: base },
    throttle: {
      enabled: options.pacing ?? true,
      // Pacing is per client (one per command run), not shared by every client of the process.
      id: randomUUID(),
      retryAfterBaseValue: base,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
  });
}
