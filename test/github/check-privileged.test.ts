import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { captureIo } from '../support/io.js';
import { actionsEnv, API, botComment, github, REPO, tempDir, TOKEN, userComment, writePullRequestEvent } from './support.js';

afterEach(() => nock.cleanAll());

const TEAM_TOKEN = 'ghs_TEAMteamTEAMteam0123456789abcdef';
const HEAD = 'head5678';
const planComment = (instance: string, privileged: number) => botComment(privileged + 10, `<!-- snac-plan instance=${instance} plan=abc sha=${HEAD} run=5 attempt=1 privileged=${privileged} -->\nplan`);
const review = (login: string, state: string, commit = HEAD) => ({ user: { login }, state, commit_id: commit });

async function check(comments: unknown[], env: Record<string, string> = {}) {
  const dir = tempDir();
  const io = captureIo(actionsEnv(dir, { GITHUB_EVENT_PATH: writePullRequestEvent(dir, 7, HEAD), ...env }), dir);
  github().get(`${REPO}/issues/7/comments`).query({ per_page: 100 }).reply(200, comments);
  const code = await main(['check-privileged', '--team', 'acme/servicenow-admins'], io);
  return { code, out: io.out(), err: io.err() };
}

const reviews = (list: unknown[]) =>
  github().get(`${REPO}/pulls/7`).reply(200, { number: 7, head: { sha: HEAD } }).get(`${REPO}/pulls/7/reviews`).query({ per_page: 100 }).reply(200, list);
const team = () => nock(API, { reqheaders: { authorization: `token ${TEAM_TOKEN}` } }).get('/orgs/acme/teams/servicenow-admins').reply(200, { slug: 'servicenow-admins' });

describe('snac check-privileged', () => {
  it('passes when no posted plan is privileged (a person typing a marker changes nothing)', async () => {
    const run = await check([planComment('dev', 0), userComment(1, '<!-- snac-plan instance=prod privileged=0 -->')]);
    expect(run.out).toContain('no privileged changes planned on #7');
    expect(run.code).toBe(0);
  });

  it('fails until a team member approves the current head; stale and superseded approvals and non-members do not count', async () => {
    const scope = reviews([review('olga', 'APPROVED', 'oldsha'), review('bob', 'APPROVED'), review('carol', 'APPROVED'), review('carol', 'CHANGES_REQUESTED')]);
    const members = team().get('/orgs/acme/teams/servicenow-admins/memberships/bob').reply(404, { message: 'Not Found' });
    const run = await check([planComment('dev', 0), planComment('prod', 2)], { SNAC_TEAM_TOKEN: TEAM_TOKEN });
    expect(run.code).toBe(1);
    expect(run.err).toContain('#7 has privileged changes on prod: it needs an approving review of its current head from a member of acme/servicenow-admins (approved by bob, none of them in the team)');
    expect(scope.isDone() && members.isDone()).toBe(true);

    const approved = reviews([review('bob', 'APPROVED'), review('dana', 'COMMENTED'), review('dana', 'APPROVED')]);
    const dana = team()
      .get('/orgs/acme/teams/servicenow-admins/memberships/bob').reply(404, { message: 'Not Found' })
      .get('/orgs/acme/teams/servicenow-admins/memberships/dana').reply(200, { state: 'active', role: 'member' });
    const ok = await check([planComment('prod', 1)], { SNAC_TEAM_TOKEN: TEAM_TOKEN });
    expect(ok.out).toContain('privileged changes on prod approved by dana of acme/servicenow-admins');
    expect(ok.code).toBe(0);
    expect(approved.isDone() && dana.isDone()).toBe(true);
  });

  it('says the workflow token cannot read team membership, naming the permission', async () => {
    const scope = reviews([review('dana', 'APPROVED')]).get('/orgs/acme/teams/servicenow-admins').reply(403, { message: 'Resource not accessible by integration' });
    const run = await check([planComment('prod', 1)]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('lacks "members: read (organization; GITHUB_TOKEN cannot have it: use a GitHub App token in SNAC_TEAM_TOKEN)"');
    expect(run.err).not.toContain(TOKEN);
    expect(scope.isDone()).toBe(true);
  });
});
