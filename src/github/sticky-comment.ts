import type { RepoClient } from './client.js';
import { createComment, listComments, trustedMarked, updateComment, type IssueComment, type MarkedComment } from './comments.js';
import { markerValue, parseMarker } from './marker.js';
import { readPull } from './pulls.js';

export type StickyOutcome =
  | { readonly kind: 'created' | 'updated' | 'unchanged'; readonly url: string }
  /** This run planned a commit that is no longer the pull request's head: its plan is not shown. */
  | { readonly kind: 'stale'; readonly planned: string; readonly head: string }
  /** Nothing to say: no changes, and no earlier comment to correct. */
  | { readonly kind: 'nothing' };

const PERMISSION = 'pull-requests: write';

/**
 * One comment per instance on a pull request, found by the `snac-plan` marker that opens a
 * comment of the account snac posts as (its `instance=` field), and edited in place. Rules:
 * - this run planned a commit that GitHub no longer reports as the pull request's head (a slow
 *   run, or a re-run of an old one): post nothing; the run of the newer head posts its own;
 * - no comment yet: create one, unless the plan has no changes (a pull request that changes
 *   nothing on an instance gets no comment about it);
 * - an earlier comment: replace its body (also with "no changes", so a stale plan never stays);
 * - the same body: leave it.
 * Which run is newer comes from GitHub (the pull request's head now), never from a marker.
 */
export async function upsertPlanComment(client: RepoClient, pullRequest: number, body: string, hasChanges: boolean): Promise<StickyOutcome> {
  const marker = parseMarker(body, 'snac-plan');
  if (marker === undefined) throw new Error('a plan comment body must start with the snac-plan marker');
  const planned = marker['sha'];
  if (planned !== undefined) {
    const { headSha } = await readPull(client, pullRequest);
    if (headSha !== planned) return { kind: 'stale', planned, head: headSha };
  }
  const existing = findPlanComment(client, await listComments(client, pullRequest), marker['instance'] ?? '')?.comment;
  if (existing === undefined) {
    if (!hasChanges) return { kind: 'nothing' };
    return { kind: 'created', url: (await createComment(client, pullRequest, body, PERMISSION)).url };
  }
  if (existing.body === body) return { kind: 'unchanged', url: existing.url };
  return { kind: 'updated', url: (await updateComment(client, existing, body, PERMISSION)).url };
}

/** The instance's plan comment: the most recently updated trusted one carrying its marker. */
export function findPlanComment(client: RepoClient, comments: readonly IssueComment[], instance: string): MarkedComment | undefined {
  const name = markerValue(instance);
  return trustedMarked(client, comments, 'snac-plan', (m) => m['instance'] === name).at(-1);
}
