import { renderApplyMarkdown, type ApplyOutcome } from '../render/apply-report.js';
import type { RepoClient } from './client.js';
import { markerValue } from './marker.js';
import { createComment, listComments, trustedMarked, updateComment } from './comments.js';

const PERMISSION = 'pull-requests: write';

/**
 * Post the outcome of an apply on the pull request whose plan it applied. One comment per
 * instance and plan: a resumed apply of the same plan edits it rather than adding another.
 */
export async function postApplyOutcome(client: RepoClient, pullRequest: number, outcome: ApplyOutcome): Promise<{ kind: 'created' | 'updated'; url: string }> {
  const body = renderApplyMarkdown(outcome);
  const same = (marker: Readonly<Record<string, string>>) => marker['instance'] === markerValue(outcome.instance) && marker['plan'] === outcome.planHash;
  const existing = trustedMarked(client, await listComments(client, pullRequest), 'snac-apply', same).at(-1)?.comment;
  if (existing === undefined) return { kind: 'created', url: (await createComment(client, pullRequest, body, PERMISSION)).url };
  return { kind: 'updated', url: (await updateComment(client, existing, body, PERMISSION)).url };
}
