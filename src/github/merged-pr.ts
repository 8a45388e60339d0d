import { SnacError } from '../diagnostics.js';
import type { RepoClient } from './client.js';
import { callGitHub } from './errors.js';

/**
 * The pull request a commit on the default branch was merged from: the one GitHub associates
 * with the commit whose merge commit it is (merge, squash or rebase), else any merged one.
 */
export async function findMergedPullRequest(client: RepoClient, sha: string): Promise<number | undefined> {
  const pulls = await callGitHub(client, { action: `find the pull request merged as ${sha.slice(0, 12)}`, permission: 'contents: read' }, (gh) =>
    gh.paginate(gh.rest.repos.listPullRequestsAssociatedWithCommit, { owner: client.owner, repo: client.repo, commit_sha: sha, per_page: 100 }),
  );
  const merged = pulls.filter((p) => p.merged_at !== null);
  return (merged.find((p) => p.merge_commit_sha === sha) ?? merged[0])?.number;
}

/** The merged pull request of a run: --pr wins, then the one GITHUB_SHA came from. */
export async function requireMergedPullRequest(client: RepoClient, sha: string | undefined, override: number | undefined): Promise<number> {
  if (override !== undefined) return override;
  if (sha === undefined) throw new SnacError('GITHUB_SHA is not set: it names the commit that was pushed', 'github-env', 'run this on a push event, or pass --pr <number>');
  const found = await findMergedPullRequest(client, sha);
  if (found === undefined) {
    throw new SnacError(`commit ${sha.slice(0, 12)} was not merged from a pull request`, 'no-pull-request', 'snac applies only plans reviewed on a pull request: change accounts/ through one');
  }
  return found;
}
