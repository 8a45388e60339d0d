import type { RepoClient } from './client.js';
import { callGitHub } from './errors.js';
import { parseMarker, type Marker, type MarkerName } from './marker.js';

export interface IssueComment {
  readonly id: number;
  /** GitHub's global id, for the GraphQL API (who edited it last). */
  readonly nodeId: string;
  readonly body: string;
  readonly url: string;
  /** The login GitHub says wrote it: the only thing about a comment its text cannot forge. */
  readonly author: string;
  /** GitHub's own timestamps (ISO 8601): recency comes from these, never from the comment. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface CommentRow {
  readonly id: number;
  readonly node_id?: string;
  readonly body?: string | undefined;
  readonly html_url: string;
  readonly user?: { readonly login?: string } | null;
  readonly created_at: string;
  readonly updated_at: string;
}

const toComment = (c: CommentRow): IssueComment => ({
  id: c.id,
  nodeId: c.node_id ?? '',
  body: c.body ?? '',
  url: c.html_url,
  author: c.user?.login ?? '',
  createdAt: c.created_at,
  updatedAt: c.updated_at,
});

/** Every comment of an issue or pull request, oldest first, across all pages. */
export async function listComments(client: RepoClient, issue: number): Promise<IssueComment[]> {
  const rows = await callGitHub(client, { action: `list the comments of #${issue}`, permission: 'pull-requests: read (issues: read for an issue)' }, (gh) =>
    gh.paginate(gh.rest.issues.listComments, { owner: client.owner, repo: client.repo, issue_number: issue, per_page: 100 }),
  );
  return rows.map(toComment);
}

export async function createComment(client: RepoClient, issue: number, body: string, permission: string): Promise<IssueComment> {
  const { data } = await callGitHub(client, { action: `comment on #${issue}`, permission }, (gh) =>
    gh.rest.issues.createComment({ owner: client.owner, repo: client.repo, issue_number: issue, body }),
  );
  return toComment(data);
}

export async function updateComment(client: RepoClient, comment: IssueComment, body: string, permission: string): Promise<IssueComment> {
  const { data } = await callGitHub(client, { action: `update comment ${comment.url}`, permission }, (gh) =>
    gh.rest.issues.updateComment({ owner: client.owner, repo: client.repo, comment_id: comment.id, body }),
  );
  return toComment(data);
}

/**
 * Is this login the one account snac posts as? GitHub logins are case-insensitive, and the
 * GraphQL API names an app's bot without the `[bot]` the REST API adds.
 */
export function isTrustedAuthor(client: RepoClient, login: string | undefined): boolean {
  const account = (name: string) => name.toLowerCase().replace(/\[bot\]$/, '');
  return login !== undefined && account(login) === account(client.trustedAuthor);
}

/**
 * Who last edited a comment, from GitHub's GraphQL API; undefined when it was never edited.
 * Anyone with write access may edit any comment while its author stays the same, so a marker
 * counts only if the last edit, which replaced the whole body, was the author's own.
 */
export async function lastEditor(client: RepoClient, comment: IssueComment): Promise<string | undefined> {
  const query = 'query($id: ID!) { node(id: $id) { ... on IssueComment { lastEditedAt editor { login } } } }';
  const answer = await callGitHub(client, { action: `see who last edited ${comment.url}`, permission: 'pull-requests: read' }, (gh) =>
    gh.graphql<{ node: { lastEditedAt: string | null; editor: { login: string } | null } | null }>(query, { id: comment.nodeId }),
  );
  const node = answer.node;
  if (node === null) return '(unknown: GitHub did not return the comment)';
  if (node.lastEditedAt === null) return undefined;
  return node.editor?.login ?? '(a deleted account)';
}

export interface MarkedComment {
  readonly comment: IssueComment;
  readonly marker: Marker;
}

/**
 * The comments that carry a marker snac can trust: written by the account snac posts as, with
 * the marker opening the body. Sorted by GitHub's last-update time, oldest first; people, other
 * apps, quoted markers and markers further down a body are ignored.
 */
export function trustedMarked(client: RepoClient, comments: readonly IssueComment[], name: MarkerName, matches: (m: Marker) => boolean = () => true): MarkedComment[] {
  const found: MarkedComment[] = [];
  for (const comment of comments) {
    if (!isTrustedAuthor(client, comment.author)) continue;
    const marker = parseMarker(comment.body, name);
    if (marker !== undefined && matches(marker)) found.push({ comment, marker });
  }
  return found.sort((a, b) => Date.parse(a.comment.updatedAt) - Date.parse(b.comment.updatedAt) || a.comment.id - b.comment.id);
}
