import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { createRepoClient, type RepoClient } from '../../src/github/client.js';
import type { GitHubContext } from '../../src/github/context.js';
import type { Plan } from '../../src/plan/change.js';
import { plan } from '../../src/planner/plan.js';
import { renderJson } from '../../src/render/json.js';
import { account, desiredState, group, liveAccount, liveState } from '../support/states.js';
import { mechanicsOnly } from '../support/plan-context.js';

/** Looks like a real token, so a leak would be found by searching for it. */
export const TOKEN = 'ghs_SECRETsecretSECRETsecret0123456789';
export const API = 'https://api.github.com';
export const REPO = '/repos/acme/servicenow-access';

export const context: GitHubContext = { token: TOKEN, owner: 'acme', repo: 'servicenow-access', apiUrl: API, serverUrl: 'https://github.com' };

/** A client that does not pace writes and retries after 1 ms instead of seconds. */
export function client(overrides: Partial<GitHubContext> = {}): RepoClient {
  return createRepoClient({ ...context, ...overrides }, { pacing: false, retryAfterBaseValue: 0.001 });
}

/** A plan that creates an account, grants it admin through a group, and updates another. */
export function changesPlan(): Plan {
  return plan(
    desiredState({
      accounts: [account('svc_new', { manager: 'alice' }, { groups: ['ops'] }), account('svc_a', { email: 'new@x' })],
      groups: [group('ops', {}, ['admin'])],
    }),
    liveState({ accounts: [liveAccount('svc_a', { email: 'old@x' })] }),
    mechanicsOnly(),
  );
}

export function emptyPlan(): Plan {
  return plan(desiredState(), liveState(), mechanicsOnly());
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'snac-github-'));
}

export function writePlan(dir: string, p: Plan, name = 'plan.json'): string {
  const path = join(dir, name);
  writeFileSync(path, renderJson(p));
  return path;
}

/** A pull_request event payload as GitHub writes it to GITHUB_EVENT_PATH. */
export function writePullRequestEvent(dir: string, number: number, headSha: string): string {
  const path = join(dir, 'event.json');
  const repo = { full_name: 'acme/servicenow-access' };
  writeFileSync(path, JSON.stringify({ action: 'synchronize', number, pull_request: { number, head: { sha: headSha, repo }, base: { repo } } }));
  return path;
}

/** The Actions environment of a run. */
export function actionsEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_TOKEN: TOKEN,
    GITHUB_REPOSITORY: 'acme/servicenow-access',
    GITHUB_API_URL: API,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '9001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: 'merge0000000000000000000000000000000000',
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    ...extra,
  };
}

export interface CommentJson {
  id: number;
  node_id: string;
  body: string;
  html_url: string;
  user: { login: string; type: 'Bot' | 'User' };
  created_at: string;
  updated_at: string;
}

/** The account snac posts as by default: GitHub Actions' own token. */
export const SNAC_BOT = 'github-actions[bot]';

/** A comment as GitHub returns it; `at` is when GitHub says it was written and last edited. */
export function commentJson(id: number, body: string, login: string, at = '2026-11-01T10:00:00Z'): CommentJson {
  const type = login.endsWith('[bot]') ? 'Bot' : 'User';
  return { id, node_id: `IC_${id}`, body, html_url: `https://github.com/acme/servicenow-access/pull/7#issuecomment-${id}`, user: { login, type }, created_at: at, updated_at: at };
}

export function botComment(id: number, body: string, at?: string): CommentJson {
  return commentJson(id, body, SNAC_BOT, at);
}

export function userComment(id: number, body: string, at?: string): CommentJson {
  return commentJson(id, body, 'mallory', at);
}

/** The GitHub API, intercepted; only the token snac was given is accepted. */
export function github(): nock.Scope {
  return nock(API, { reqheaders: { authorization: (value) => value === `token ${TOKEN}` } });
}
