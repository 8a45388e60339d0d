import { renderApplyMarkdown, type ApplyOutcome } from '../render/apply-report.js';
import type { RepoClient } from './client.js';
import { createComment, listComments, updateComment } from './comments.js';
import { parseMarker } from './marker.js';

const PERMISSION = 'pull-requests: write';

/**
 * Post the outcome of an apply on the pull request whose plan it applied. One comment per
 * instance and plan: a resumed apply of the same plan edits it rather than adding another.
 */
export async function postApplyOutcome(client: RepoClient, pullRequest: number, outcome: ApplyOutcome): Promise<{ kind: 'created' | 'updated'; url: string }> {
  const body = renderApplyMarkdown(outcome);
  const same = (text: string) => {
    const marker = parseMarker(text, 'snac-apply');
    return marker?.['instance'] === outcome.instance && marker['plan'] === outcome.planHash;
  };
  const existing = (await listComments(client, pullRequest)).filter((c) => c.byBot && same(c.body)).at(-1);
  if (existing === undefined) return { kind: 'created', url: (await createComment(client, pullRequest, body, PERMISSION)).url };
  return { kind: 'updated', url: (await updateComment(client, existing, body, PERMISSION)).url };
}
