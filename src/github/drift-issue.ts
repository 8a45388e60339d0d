import type { RepoClient } from './client.js';
import { isTrustedAuthor } from './comments.js';
import type { DriftIssueText } from './drift-report.js';
import { callGitHub } from './errors.js';
import { markerValue, parseMarker } from './marker.js';

/** Every drift issue carries this label; with the marker it finds the issue of an instance. */
export const DRIFT_LABEL = 'snac-drift';

const PERMISSION = 'issues: write';

interface DriftIssue {
  readonly number: number;
  readonly open: boolean;
  readonly body: string;
  readonly title: string;
  readonly url: string;
}

export type DriftOutcome =
  | { readonly kind: 'opened' | 'updated' | 'reopened' | 'unchanged' | 'closed'; readonly url: string }
  | { readonly kind: 'none' };

/** The instance's drift issue: open first, else the most recent closed one (reopened, never duplicated). */
async function findDriftIssue(client: RepoClient, instanceName: string): Promise<DriftIssue | undefined> {
  const rows = await callGitHub(client, { action: `list the issues labelled ${DRIFT_LABEL}`, permission: 'issues: read' }, (gh) =>
    gh.paginate(gh.rest.issues.listForRepo, { owner: client.owner, repo: client.repo, labels: DRIFT_LABEL, state: 'all', sort: 'created', direction: 'desc', per_page: 100 }),
  );
  const instance = markerValue(instanceName);
  const mine = rows
    .filter((i) => i.pull_request === undefined && isTrustedAuthor(client, i.user?.login) && parseMarker(i.body ?? '', 'snac-drift')?.['instance'] === instance)
    .map((i) => ({ number: i.number, open: i.state === 'open', body: i.body ?? '', title: i.title, url: i.html_url }));
  return mine.find((i) => i.open) ?? mine[0];
}

/**
 * One issue per instance, kept in step with the latest drift run: opened when drift appears,
 * its description replaced while drift stays (a comment notes each change of what drifted),
 * reopened if drift comes back, and closed with a comment when it is gone.
 */
export async function reconcileDriftIssue(client: RepoClient, instanceName: string, drift: DriftIssueText | undefined, runUrl?: string): Promise<DriftOutcome> {
  const issue = await findDriftIssue(client, instanceName);
  const where = { owner: client.owner, repo: client.repo };
  const comment = (number: number, body: string) =>
    callGitHub(client, { action: `comment on drift issue #${number}`, permission: PERMISSION }, (gh) => gh.rest.issues.createComment({ ...where, issue_number: number, body }));
  const edit = (number: number, fields: { title?: string; body?: string; state?: 'open' | 'closed'; state_reason?: 'completed' }) =>
    callGitHub(client, { action: `update drift issue #${number}`, permission: PERMISSION }, (gh) => gh.rest.issues.update({ ...where, issue_number: number, ...fields }));
  const seen = runUrl ? ` ([run](${runUrl}))` : '';

  if (drift === undefined) {
    if (issue === undefined || !issue.open) return { kind: 'none' };
    await comment(issue.number, `The instance matches the declarations again${seen}: closing.`);
    await edit(issue.number, { state: 'closed', state_reason: 'completed' });
    return { kind: 'closed', url: issue.url };
  }
  if (issue === undefined) {
    const { data } = await callGitHub(client, { action: 'open a drift issue', permission: PERMISSION }, (gh) =>
      gh.rest.issues.create({ ...where, title: drift.title, body: drift.body, labels: [DRIFT_LABEL] }),
    );
    return { kind: 'opened', url: data.html_url };
  }
  if (issue.open && issue.body === drift.body && issue.title === drift.title) return { kind: 'unchanged', url: issue.url };
  await edit(issue.number, { title: drift.title, body: drift.body, ...(issue.open ? {} : { state: 'open' as const }) });
  await comment(issue.number, issue.open ? `What drifted changed${seen}: the description shows it now.` : `Drift is back${seen}: reopening.`);
  return { kind: issue.open ? 'updated' : 'reopened', url: issue.url };
}
