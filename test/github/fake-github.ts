import nock from 'nock';
import { API, commentJson, REPO, SNAC_BOT, TOKEN, type CommentJson } from './support.js';

/** The token of a GitHub App allowed to read team membership (SNAC_TEAM_TOKEN). */
export const TEAM_TOKEN = 'ghs_TEAMteamTEAMteam0123456789abcdef';
/** A collaborator with write access, and another app installed on the repository. */
export const MALLORY_TOKEN = 'ghp_MALLORYmallory0123456789abcdefabcd';
export const OTHER_APP_TOKEN = 'ghs_OTHERappOTHERapp0123456789abcdefab';
export const TEAM = { org: 'acme', slug: 'servicenow-admins' };

interface PullJson {
  number: number;
  head: { sha: string };
  merged_at: string | null;
  merge_commit_sha: string | null;
}

interface ReviewJson {
  user: { login: string; type: 'Bot' | 'User' };
  state: string;
  commit_id: string;
  submitted_at: string;
}

/**
 * One GitHub repository in memory, served through nock: issue comments (written as whoever's
 * token posts them), pull requests, reviews, and one team. Its clock moves a minute at every
 * event, so GitHub's timestamps order events as they happened.
 */
export class FakeGitHub {
  readonly comments = new Map<number, CommentJson[]>();
  readonly pulls = new Map<number, PullJson>();
  readonly reviews = new Map<number, ReviewJson[]>();
  readonly teamMembers = new Set<string>();
  /** The files each pull request changes (by number). */
  readonly files = new Map<number, string[]>();
  /** Who last edited each comment (by id), when someone did. */
  readonly editors = new Map<number, string>();
  private readonly logins = new Map<string, string>([
    [TOKEN, SNAC_BOT],
    [MALLORY_TOKEN, 'mallory'],
    [OTHER_APP_TOKEN, 'other-app[bot]'],
  ]);
  private clock = Date.parse('2026-11-01T09:00:00Z');
  private nextId = 100;

  constructor() {
    this.install();
  }

  now(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }

  openPull(number: number, headSha: string): void {
    this.pulls.set(number, { number, head: { sha: headSha }, merged_at: null, merge_commit_sha: null });
  }

  push(number: number, headSha: string): void {
    this.pull(number).head.sha = headSha;
    this.now();
  }

  merge(number: number, mergeCommit: string): void {
    Object.assign(this.pull(number), { merged_at: this.now(), merge_commit_sha: mergeCommit });
  }

  /** A comment as the account behind `login` would write it through the API. */
  comment(issue: number, login: string, body: string): CommentJson {
    const comment = commentJson(this.nextId++, body, login, this.now());
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), comment]);
    return comment;
  }

  /** Edit a comment: anyone with write access may edit anyone's comment on GitHub, and its author stays. */
  edit(id: number, body: string, editor: string): CommentJson {
    const comment = this.find(id);
    Object.assign(comment, { body, updated_at: this.now() });
    this.editors.set(id, editor);
    return comment;
  }

  review(number: number, login: string, state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED', commit = this.pull(number).head.sha): void {
    this.reviews.set(number, [...(this.reviews.get(number) ?? []), { user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }, state, commit_id: commit, submitted_at: this.now() }]);
  }

  /** Every comment on an issue, as snac would read it. */
  bodies(issue: number): string[] {
    return (this.comments.get(issue) ?? []).map((c) => c.body);
  }

  private find(id: number): CommentJson {
    const comment = [...this.comments.values()].flat().find((c) => c.id === id);
    if (comment === undefined) throw new Error(`no comment ${id}`);
    return comment;
  }

  /** What the GraphQL API says about a comment: when and by whom (its bot logins without `[bot]`) it was last edited. */
  private editedNode(nodeId: string): unknown {
    const comment = [...this.comments.values()].flat().find((c) => c.node_id === nodeId);
    if (comment === undefined) return { data: { node: null } };
    const editor = this.editors.get(comment.id);
    return { data: { node: editor === undefined ? { lastEditedAt: null, editor: null } : { lastEditedAt: comment.updated_at, editor: { login: editor.replace(/\[bot\]$/, '') } } } };
  }

  private pull(number: number): PullJson {
    const pull = this.pulls.get(number);
    if (pull === undefined) throw new Error(`no pull request #${number}`);
    return pull;
  }

  private install(): void {
    const fake = this;
    const login = (headers: Record<string, unknown>) => fake.logins.get(String(headers['authorization'] ?? '').replace(/^token /, ''));
    const issue = (uri: string) => Number(/\/issues\/(\d+)\/comments/.exec(uri)?.[1]);
    const api = nock(API).persist();
    api.get(/\/issues\/\d+\/comments/).query(true).reply(function (uri) {
      return login(this.req.headers) ? [200, fake.comments.get(issue(uri)) ?? []] : [401, { message: 'Bad credentials' }];
    });
    api.post(/\/issues\/\d+\/comments/).reply(function (uri, body) {
      const who = login(this.req.headers);
      return who ? [201, fake.comment(issue(uri), who, (body as { body: string }).body)] : [401, { message: 'Bad credentials' }];
    });
    api.patch(/\/issues\/comments\/\d+/).reply(function (uri, body) {
      const who = login(this.req.headers);
      if (!who) return [401, { message: 'Bad credentials' }];
      return [200, fake.edit(Number(/comments\/(\d+)/.exec(uri)?.[1]), (body as { body: string }).body, who)];
    });
    api.post('/graphql').reply(function (_uri, body) {
      if (!login(this.req.headers)) return [401, { message: 'Bad credentials' }];
      return [200, fake.editedNode(String((body as { variables: { id: string } }).variables.id))];
    });
    api.get(new RegExp(`^${REPO}/pulls/\\d+$`)).reply((uri) => {
      const pull = fake.pulls.get(Number(uri.split('/').at(-1)));
      return pull ? [200, pull] : [404, { message: 'Not Found' }];
    });
    api.get(/\/pulls\/\d+\/files/).query(true).reply((uri) => [200, (fake.files.get(Number(/pulls\/(\d+)/.exec(uri)?.[1])) ?? ['accounts/a.yaml']).map((filename) => ({ filename, status: 'modified' }))]);
    api.get(/\/pulls\/\d+\/reviews/).query(true).reply((uri) => [200, fake.reviews.get(Number(/pulls\/(\d+)/.exec(uri)?.[1])) ?? []]);
    api.get(/\/commits\/[0-9a-z]+\/pulls/).query(true).reply((uri) => {
      const sha = /commits\/([0-9a-z]+)\/pulls/.exec(uri)?.[1];
      return [200, [...fake.pulls.values()].filter((p) => p.merge_commit_sha === sha)];
    });
    const team = nock(API, { reqheaders: { authorization: `token ${TEAM_TOKEN}` } }).persist();
    team.get(`/orgs/${TEAM.org}/teams/${TEAM.slug}`).reply(200, { slug: TEAM.slug });
    team.get(new RegExp(`/orgs/${TEAM.org}/teams/${TEAM.slug}/memberships/`)).reply((uri) => {
      const member = decodeURIComponent(uri.split('/').at(-1) ?? '');
      return fake.teamMembers.has(member) ? [200, { state: 'active', role: 'member' }] : [404, { message: 'Not Found' }];
    });
  }
}
