import type { RepoClient } from './client.js';
import { callGitHub } from './errors.js';

/** What GitHub says about a pull request now: its head commit (the final one once merged). */
export interface PullState {
  readonly number: number;
  readonly headSha: string;
  readonly merged: boolean;
}

export interface Review {
  readonly login: string;
  readonly state: string;
  /** The commit the review was made on. */
  readonly commitId: string | null;
  /** GitHub's timestamp (ISO 8601), absent for a pending review. */
  readonly submittedAt: string | undefined;
}

export async function readPull(client: RepoClient, pullRequest: number): Promise<PullState> {
  const { data } = await callGitHub(client, { action: `read pull request #${pullRequest}`, permission: 'pull-requests: read' }, (gh) =>
    gh.rest.pulls.get({ owner: client.owner, repo: client.repo, pull_number: pullRequest }),
  );
  return { number: data.number, headSha: data.head.sha, merged: data.merged_at !== null && data.merged_at !== undefined };
}

/** The reviews people submitted on a pull request, oldest first; reviews by apps are left out. */
export async function readReviews(client: RepoClient, pullRequest: number): Promise<Review[]> {
  const rows = await callGitHub(client, { action: `read the reviews of pull request #${pullRequest}`, permission: 'pull-requests: read' }, (gh) =>
    gh.paginate(gh.rest.pulls.listReviews, { owner: client.owner, repo: client.repo, pull_number: pullRequest, per_page: 100 }),
  );
  // An app's review is not a person's: a workflow of the pull request itself could approve it.
  return rows.flatMap((r) => (r.user && r.user.type !== 'Bot' ? [{ login: r.user.login, state: r.state, commitId: r.commit_id, submittedAt: r.submitted_at ?? undefined }] : []));
}

/**
 * Who approved a commit: each reviewer's latest approving, change-requesting or dismissed
 * review counts, and only an approval of exactly that commit (a push after it needs a new
 * look). With `after`, the approval must also have been submitted after that time (GitHub's
 * clock on both sides), so it was given to what was shown then.
 */
export function approversOf(reviews: readonly Review[], sha: string, after?: string): string[] {
  const latest = new Map<string, Review>();
  for (const review of reviews) {
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED' || review.state === 'DISMISSED') latest.set(review.login, review);
  }
  const since = after === undefined ? undefined : Date.parse(after);
  return [...latest.values()]
    .filter((r) => r.state === 'APPROVED' && r.commitId === sha)
    .filter((r) => since === undefined || (r.submittedAt !== undefined && Date.parse(r.submittedAt) > since))
    .map((r) => r.login);
}

/**
 * Files of a pull request that decide what code its own workflow runs: the workflows, local
 * actions and this action. GitHub runs a pull request's own copy of them, with a token that may
 * comment, so such a pull request could have written its own plan comment.
 */
export async function workflowFilesChanged(client: RepoClient, pullRequest: number): Promise<string[]> {
  const files = await callGitHub(client, { action: `list the files of pull request #${pullRequest}`, permission: 'pull-requests: read' }, (gh) =>
    gh.paginate(gh.rest.pulls.listFiles, { owner: client.owner, repo: client.repo, pull_number: pullRequest, per_page: 100 }),
  );
  const runsCode = (path: string) => path.startsWith('.github/workflows/') || path.startsWith('.github/actions/') || path === 'action.yml' || path === 'action.yaml';
  return files.flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]).filter(runsCode);
}
