import type { RepoClient } from './client.js';
import { createComment, listComments, updateComment, type IssueComment } from './comments.js';
import { markerValue, parseMarker, type Marker } from './marker.js';

export type StickyOutcome =
  | { readonly kind: 'created' | 'updated' | 'unchanged'; readonly url: string }
  /** A newer run already posted: this one's plan is out of date and is not shown. */
  | { readonly kind: 'older'; readonly url: string; readonly shown: Marker }
  /** Nothing to say: no changes, and no earlier comment to correct. */
  | { readonly kind: 'nothing' };

const PERMISSION = 'pull-requests: write';

/**
 * Which run's plan a comment may show. A run is newer when its run id is higher (GitHub numbers
 * runs in the order their events happened), or for the same run, when its attempt is higher
 * or equal (a re-run of the same commit). A comment whose marker has no run id is always
 * replaced. So a re-run of an old workflow run, or a slow run that finishes after a later
 * push's run, never overwrites the plan of the later commit.
 */
export function supersedes(candidate: Marker, shown: Marker): boolean {
  const run = (m: Marker) => Number(m['run'] ?? Number.NaN);
  const attempt = (m: Marker) => Number(m['attempt'] ?? '1');
  if (!Number.isFinite(run(shown)) || !Number.isFinite(run(candidate))) return true;
  if (run(candidate) !== run(shown)) return run(candidate) > run(shown);
  return attempt(candidate) >= attempt(shown);
}

/**
 * One comment per instance on a pull request, found by the `snac-plan` marker of the body
 * (its `instance=` field) and edited in place. Rules:
 * - no comment yet: create one, unless the plan has no changes (a pull request that changes
 *   nothing on an instance gets no comment about it);
 * - a comment from an older run: replace its body (also with "no changes", so a stale plan
 *   never stays on the pull request);
 * - a comment from a newer run: leave it, and say so;
 * - the same body: leave it.
 */
export async function upsertPlanComment(client: RepoClient, pullRequest: number, body: string, hasChanges: boolean): Promise<StickyOutcome> {
  const marker = parseMarker(body, 'snac-plan');
  if (marker === undefined) throw new Error('a plan comment body must start with the snac-plan marker');
  const existing = findPlanComment(await listComments(client, pullRequest), marker['instance'] ?? '');
  if (existing === undefined) {
    if (!hasChanges) return { kind: 'nothing' };
    return { kind: 'created', url: (await createComment(client, pullRequest, body, PERMISSION)).url };
  }
  const shown = parseMarker(existing.body, 'snac-plan') ?? {};
  if (!supersedes(marker, shown)) return { kind: 'older', url: existing.url, shown };
  if (existing.body === body) return { kind: 'unchanged', url: existing.url };
  return { kind: 'updated', url: (await updateComment(client, existing, body, PERMISSION)).url };
}

/** The latest comment by an app carrying this instance's plan marker. */
export function findPlanComment(comments: readonly IssueComment[], instance: string): IssueComment | undefined {
  return comments.filter((c) => c.byBot && parseMarker(c.body, 'snac-plan')?.['instance'] === markerValue(instance)).at(-1);
}
