import type { RepoClient } from './client.js';
import { callGitHub } from './errors.js';

export interface IssueComment {
  readonly id: number;
  readonly body: string;
  readonly url: string;
  /**
   * Written by an app (github-actions[bot] or a GitHub App), never by a person. Only such
   * comments are trusted to carry snac's markers: anyone can type a marker into a comment.
   */
  readonly byBot: boolean;
}

interface CommentRow {
  readonly id: number;
  readonly body?: string | undefined;
  readonly html_url: string;
  readonly user?: { readonly type?: string } | null;
}

const toComment = (c: CommentRow): IssueComment => ({ id: c.id, body: c.body ?? '', url: c.html_url, byBot: c.user?.type === 'Bot' });

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
