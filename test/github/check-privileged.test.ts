import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { captureIo } from '../support/io.js';
import { FakeGitHub, TEAM_TOKEN } from './fake-github.js';
import { actionsEnv, github, SNAC_BOT, tempDir, TOKEN, writePullRequestEvent } from './support.js';

afterEach(() => nock.cleanAll());

const HEAD = 'head5678';
const planMarker = (instance: string, privileged: number, sha = HEAD) => `<!-- snac-plan instance=${instance} plan=abc sha=${sha} run=5 privileged=${privileged} -->\nplan`;

async function check(env: Record<string, string> = {}) {
  const dir = tempDir();
  const io = captureIo(actionsEnv(dir, { GITHUB_EVENT_PATH: writePullRequestEvent(dir, 7, HEAD), ...env }), dir);
  const code = await main(['check-privileged', '--team', 'acme/servicenow-admins'], io);
  return { code, out: io.out(), err: io.err() };
}

function pullRequest(): FakeGitHub {
  const gh = new FakeGitHub();
  gh.openPull(7, HEAD);
  gh.teamMembers.add('dana');
  return gh;
}

describe('snac check-privileged on a pull request', () => {
  it('passes when no posted plan is privileged', async () => {
    const gh = pullRequest();
    gh.comment(7, SNAC_BOT, planMarker('dev', 0));
    const run = await check();
    expect(run.out).toContain('no privileged changes planned on #7');
    expect(run.code).toBe(0);
  });

  it('fails until a team member approves the current head; stale and superseded approvals and non-members do not count', async () => {
    const gh = pullRequest();
    gh.comment(7, SNAC_BOT, planMarker('dev', 0));
    gh.comment(7, SNAC_BOT, planMarker('prod', 2));
    gh.review(7, 'dana', 'APPROVED', 'oldsha');
    gh.review(7, 'bob', 'APPROVED');
    gh.review(7, 'carol', 'APPROVED');
    gh.review(7, 'carol', 'CHANGES_REQUESTED');
    const run = await check({ SNAC_TEAM_TOKEN: TEAM_TOKEN });
    expect(run.code).toBe(1);
    expect(run.err).toContain(`#7 has privileged changes on prod: it needs an approving review of its head ${HEAD} from a member of acme/servicenow-admins (approved by bob, none of them in the team)`);

    gh.review(7, 'dana', 'COMMENTED');
    gh.review(7, 'dana', 'APPROVED');
    const ok = await check({ SNAC_TEAM_TOKEN: TEAM_TOKEN });
    expect(ok.out).toContain(`privileged changes on prod approved by dana of acme/servicenow-admins at head ${HEAD}`);
    expect(ok.code).toBe(0);
  });

  it('fails while the plan of the current head is not posted yet', async () => {
    const gh = pullRequest();
    gh.comment(7, SNAC_BOT, planMarker('prod', 0, 'oldsha'));
    const run = await check();
    expect(run.code).toBe(1);
    expect(run.err).toContain(`the plan for head ${HEAD} is not posted yet on prod`);
  });

  it('says the workflow token cannot read team membership, naming the permission', async () => {
    const gh = pullRequest();
    gh.comment(7, SNAC_BOT, planMarker('prod', 1));
    gh.review(7, 'dana', 'APPROVED');
    const scope = github().get('/orgs/acme/teams/servicenow-admins').reply(403, { message: 'Resource not accessible by integration' });
    const run = await check();
    expect(run.code).toBe(1);
    expect(run.err).toContain('lacks "members: read (organization; GITHUB_TOKEN cannot have it: use a GitHub App token in SNAC_TEAM_TOKEN)"');
    expect(run.err).not.toContain(TOKEN);
    expect(scope.isDone()).toBe(true);
  });
});
