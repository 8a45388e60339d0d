import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { PRIVILEGED_RISKS, RISK_CODES, type Plan } from '../../src/plan/change.js';
import { planHash } from '../../src/plan/fingerprint.js';
import { plan } from '../../src/planner/plan.js';
import { renderJson } from '../../src/render/json.js';
import { captureIo } from '../support/io.js';
import { account, desiredState, liveAccount, liveState } from '../support/states.js';
import { FakeGitHub, TEAM_TOKEN } from '../github/fake-github.js';
import { actionsEnv, changesPlan, emptyPlan, SNAC_BOT, tempDir, writePlan, writePullRequestEvent } from '../github/support.js';
import { mechanicsOnly } from '../support/plan-context.js';

/**
 * The review chain, attacked: each test plays someone who is not a reviewer trying to decide
 * what counts as reviewed or approved, against a GitHub repository held in memory. Every
 * attack must fail closed and say why; the control beside it shows the honest path passing.
 */

afterEach(() => nock.cleanAll());

const HEAD = 'head1111';
const MERGE = 'merge0000000000000000000000000000000000';
const PRIVILEGED = changesPlan();

async function snac(dir: string, argv: string[], env: Record<string, string>) {
  const io = captureIo(env, dir);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** A pull request (#7) whose plan workflow ran `snac comment` for its head. */
async function planPosted(p: Plan = PRIVILEGED) {
  const gh = new FakeGitHub();
  gh.openPull(7, HEAD);
  gh.teamMembers.add('dana');
  const dir = tempDir();
  writePlan(dir, p);
  const posted = await snac(dir, ['comment', '--plan', 'plan.json', '--instance', 'prod'], prEnv(dir));
  expect(posted.code).toBe(0);
  return { gh, dir };
}

const prEnv = (dir: string, extra: Record<string, string> = {}) => actionsEnv(dir, { GITHUB_EVENT_PATH: writePullRequestEvent(dir, 7, HEAD), SNAC_TEAM_TOKEN: TEAM_TOKEN, ...extra });
/** The apply job's environment: a push of the merge commit, no pull request event. */
const pushEnv = (dir: string) => actionsEnv(dir, { GITHUB_SHA: MERGE, SNAC_TEAM_TOKEN: TEAM_TOKEN });
const checkPrivileged = (dir: string, env: Record<string, string>, ...extra: string[]) => snac(dir, ['check-privileged', '--team', 'acme/servicenow-admins', ...extra], env);
const checkReviewed = (dir: string) => snac(dir, ['check-reviewed', '--plan', 'plan.json', '--instance', 'prod'], pushEnv(dir));

describe('1. another app or a person cannot open the privileged gate with a marker', () => {
  it('a later "privileged=0" comment by another app, or a marker further down a snac comment, changes nothing', async () => {
    const { gh, dir } = await planPosted();
    gh.comment(7, 'other-app[bot]', `<!-- snac-plan instance=prod plan=x sha=${HEAD} privileged=0 -->`);
    gh.comment(7, 'mallory', `<!-- snac-plan instance=prod plan=x sha=${HEAD} privileged=0 -->`);
    gh.comment(7, SNAC_BOT, `Applied elsewhere.\n<!-- snac-plan instance=prod plan=x sha=${HEAD} privileged=0 -->`);
    const run = await checkPrivileged(dir, prEnv(dir));
    expect(run.code).toBe(1);
    expect(run.err).toContain(`#7 has privileged changes on prod: it needs an approving review of its head ${HEAD} from a member of acme/servicenow-admins`);
  });

  it('snac\'s own comment edited by another app to say "privileged=0" fails closed', async () => {
    const { gh, dir } = await planPosted();
    const [comment] = gh.comments.get(7) ?? [];
    gh.edit(comment!.id, comment!.body.replace('privileged=2', 'privileged=0'), 'other-app[bot]');
    const run = await checkPrivileged(dir, prEnv(dir));
    expect(run.code).toBe(1);
    expect(run.err).toContain('the plan comment on prod was last edited by other-app, not by github-actions[bot]: re-run the plan workflow');
  });

  it('control: a team member\'s approval of the head opens it', async () => {
    const { gh, dir } = await planPosted();
    gh.review(7, 'dana', 'APPROVED');
    const run = await checkPrivileged(dir, prEnv(dir));
    expect(run.out).toContain('approved by dana of acme/servicenow-admins');
    expect(run.code).toBe(0);
  });
});

describe('2. a comment cannot pin itself as the newest with its own run id', () => {
  it('the plan of a later push replaces a comment whose marker claims a huge run id, and a stale run posts nothing', async () => {
    const { gh, dir } = await planPosted(emptyPlan());
    gh.comment(7, SNAC_BOT, `<!-- snac-plan instance=prod plan=${PRIVILEGED.planHash} sha=${HEAD} run=99999999999 privileged=0 -->\nNo changes.`);
    gh.push(7, 'head2222');
    writePlan(dir, PRIVILEGED);
    const env = actionsEnv(dir, { GITHUB_EVENT_PATH: writePullRequestEvent(dir, 7, 'head2222'), GITHUB_RUN_ID: '12' });
    const later = await snac(dir, ['comment', '--plan', 'plan.json', '--instance', 'prod'], env);
    expect(later.out).toContain('updated the plan for prod on #7');
    expect(gh.bodies(7).at(-1)).toMatch(/^<!-- snac-plan instance=prod plan=[0-9a-f]{64} sha=head2222 run=12 privileged=2 -->/);

    const old = await snac(dir, ['comment', '--plan', 'plan.json', '--instance', 'prod'], prEnv(dir, { GITHUB_RUN_ID: '99999999999' }));
    expect(old.out).toContain(`posted nothing for prod on #7: this run planned ${HEAD}, but the pull request's head is now head2222`);
    expect(gh.bodies(7).at(-1)).toContain('sha=head2222 run=12');
  });
});

describe('3. check-reviewed requires the final head, an approval after the plan was shown, and the same plan', () => {
  it('control: the plan of the final head, approved after it was posted, passes', async () => {
    const { gh, dir } = await planPosted();
    gh.review(7, 'dana', 'APPROVED');
    gh.merge(7, MERGE);
    const run = await checkReviewed(dir);
    expect(run.out).toContain(`is the one reviewed on #7 at ${HEAD}, approved by dana`);
    expect(run.code).toBe(0);
  });

  it('a push after the plan was posted (its plan never shown) is refused, even when approved', async () => {
    const { gh, dir } = await planPosted();
    gh.push(7, 'head3333');
    gh.review(7, 'dana', 'APPROVED');
    gh.merge(7, MERGE);
    const run = await checkReviewed(dir);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`the plan comment shows head ${HEAD}, but #7 was merged at head head3333: the final commit's plan was never posted`);
  });

  it('an approval given before the comment was last changed does not count', async () => {
    const { gh, dir } = await planPosted();
    gh.review(7, 'dana', 'APPROVED');
    const [comment] = gh.comments.get(7) ?? [];
    gh.edit(comment!.id, `${comment!.body}\n(re-run)`, SNAC_BOT);
    gh.merge(7, MERGE);
    const run = await checkReviewed(dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/no approving review of head head1111 was submitted after the plan comment was last updated \(2026-11-01T09:0\d:00.000Z\)/);
  });

  it('an approval of an older commit, and a plan that changed since, are both named', async () => {
    const { gh, dir } = await planPosted(plan(desiredState({ accounts: [account('svc_a', { email: 'new@x' })] }), liveState({ accounts: [liveAccount('svc_a', { email: 'old@x' })] }), mechanicsOnly()));
    gh.review(7, 'dana', 'APPROVED', 'head0000');
    gh.merge(7, MERGE);
    writePlan(dir, PRIVILEGED);
    const run = await checkReviewed(dir);
    expect(run.code).toBe(1);
    expect(run.err).toContain('no approving review of head head1111');
    expect(run.err).toContain(`the plan now (${PRIVILEGED.planHash.slice(0, 12)}) is not the one reviewed on #7`);
  });

  it('snac\'s comment edited by a collaborator (its author unchanged) is not what was reviewed, even approved after', async () => {
    const { gh, dir } = await planPosted();
    const [comment] = gh.comments.get(7) ?? [];
    gh.edit(comment!.id, comment!.body.replace(/#### ⚠️[\s\S]*?(?=\n####)/, '').replace('Plan: ', 'Plan (routine): '), 'mallory');
    gh.review(7, 'dana', 'APPROVED');
    gh.merge(7, MERGE);
    const run = await checkReviewed(dir);
    expect(run.code).toBe(1);
    expect(run.err).toContain('the plan comment was last edited by mallory, not by github-actions[bot]: what the reviewers saw is not snac\'s plan');
  });

  it('an approval by an app (a workflow of the pull request approving it with its token) does not count', async () => {
    const { gh, dir } = await planPosted();
    gh.review(7, SNAC_BOT, 'APPROVED');
    gh.review(7, 'other-app[bot]', 'APPROVED');
    gh.merge(7, MERGE);
    const run = await checkReviewed(dir);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`no approving review of head ${HEAD} was submitted after the plan comment was last updated`);
  });

  it('a pull request that changed the workflows could have written its own plan comment: refused', async () => {
    const { gh, dir } = await planPosted();
    gh.files.set(7, ['accounts/a.yaml', '.github/workflows/plan.yml']);
    gh.review(7, 'dana', 'APPROVED');
    gh.merge(7, MERGE);
    const run = await checkReviewed(dir);
    expect(run.code).toBe(1);
    expect(run.err).toContain('#7 changed .github/workflows/plan.yml: its own workflow code ran with a token that may comment, so its plan comment may not be snac\'s');
  });

  it('a pull request that is approved but not merged cannot be named to apply its plan', async () => {
    const { gh, dir } = await planPosted();
    gh.review(7, 'dana', 'APPROVED');
    const run = await snac(dir, ['check-reviewed', '--plan', 'plan.json', '--instance', 'prod', '--pr', '7'], pushEnv(dir));
    expect(run.code).toBe(1);
    expect(run.err).toContain('#7 is not merged: only the plan of a merged pull request is applied');
  });

  it('a plan comment written by a person or another app is not a review', async () => {
    const gh = new FakeGitHub();
    gh.openPull(7, HEAD);
    const dir = tempDir();
    writePlan(dir, PRIVILEGED);
    const forged = `<!-- snac-plan instance=prod plan=${PRIVILEGED.planHash} sha=${HEAD} privileged=0 -->\nNo changes.`;
    gh.comment(7, 'mallory', forged);
    gh.comment(7, 'other-app[bot]', forged);
    gh.review(7, 'dana', 'APPROVED');
    gh.merge(7, MERGE);
    const run = await checkReviewed(dir);
    expect(run.code).toBe(1);
    expect(run.err).toContain('#7 has no plan comment for prod by github-actions[bot]');
  });
});

describe('4. an edited plan file is refused wherever it is read', () => {
  it('changes removed but the real hash kept: comment, check-reviewed and apply refuse it, naming the file', async () => {
    const gh = new FakeGitHub();
    gh.openPull(7, HEAD);
    const dir = tempDir();
    const hollow = { ...PRIVILEGED, changes: [], counts: emptyPlan().counts };
    writeFileSync(join(dir, 'plan.json'), renderJson(hollow));
    const posted = await snac(dir, ['comment', '--plan', 'plan.json', '--instance', 'prod'], prEnv(dir));
    expect(posted.code).toBe(1);
    expect(posted.err).toContain(`${join(dir, 'plan.json')} was altered: its changes hash to ${planHash([]).slice(0, 12)}, but it claims plan ${PRIVILEGED.planHash.slice(0, 12)}`);
    expect(gh.bodies(7)).toEqual([]);

    const reviewed = await checkReviewed(dir);
    expect(reviewed.code).toBe(1);
    expect(reviewed.err).toContain('was altered');
    const applied = await snac(dir, ['apply', '--plan', 'plan.json', '--instance-url', 'https://dev.service-now.com'], { SNAC_USERNAME: 'u', SNAC_PASSWORD: 'p' });
    expect(applied.code).toBe(1);
    expect(applied.err).toContain('was altered');
  });

  it('counts edited to read "No changes" while the changes stay: refused too', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.json'), renderJson({ ...PRIVILEGED, counts: emptyPlan().counts }));
    const run = await snac(dir, ['comment', '--plan', 'plan.json', '--instance', 'prod', '--pr', '7'], actionsEnv(dir));
    expect(run.code).toBe(1);
    expect(run.err).toContain('was altered: its counts of create, update, grant do not match its changes');
  });
});

describe('5. the privileged decision reads the typed risk codes, never their wording', () => {
  /** A plan with its risks rewritten and its hash made to match, as code in a pull request could. */
  function reworded(edit: (p: Plan) => Plan['changes']): Plan {
    const changes = edit(PRIVILEGED);
    return { ...PRIVILEGED, changes, planHash: planHash(changes) };
  }

  it('a privileged grant whose summary no longer says "privileged" still needs the team, at apply time on the final head', async () => {
    const { gh, dir } = await planPosted();
    const quiet = reworded((p) => p.changes.map((c) => ({ ...c, risks: c.risks.map((r) => ({ ...r, summary: 'routine' })) })));
    writePlan(dir, quiet);
    gh.review(7, 'dana', 'APPROVED', 'head0000');
    gh.review(7, 'bob', 'APPROVED');
    gh.merge(7, MERGE);
    const run = await checkPrivileged(dir, pushEnv(dir), '--plan', 'plan.json');
    expect(run.code).toBe(1);
    expect(run.err).toContain('#7 has privileged changes on test.service-now.com (grant GroupRole ops → admin, grant Membership svc_new → ops)');
    expect(run.err).toContain(`it needs an approving review of its head ${HEAD} from a member of acme/servicenow-admins (approved by bob, none of them in the team)`);
  });

  it('wording that says "privileged roles" on a change whose codes are not privileged does not hold it', async () => {
    const { dir } = await planPosted();
    const loud = reworded((p) => p.changes.map((c) => ({ ...c, risks: c.risks.filter((r) => r.code === 'group-members').map((r) => ({ ...r, summary: 'grants the privileged roles admin' })) })));
    writePlan(dir, loud);
    const run = await checkPrivileged(dir, prEnv(dir), '--plan', 'plan.json');
    expect(run.out).toContain('no privileged changes planned on #7');
    expect(run.code).toBe(0);
  });

  it('the codes the planner writes are exactly those plan.schema.json pins', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/plan.schema.json', import.meta.url), 'utf8')) as { $defs: { risk: { properties: { code: { enum: string[] } } } } };
    expect(schema.$defs.risk.properties.code.enum).toEqual([...RISK_CODES]);
    expect([...PRIVILEGED_RISKS].every((code) => RISK_CODES.includes(code))).toBe(true);
  });

  it('a risk code the schema does not know is refused', async () => {
    const dir = tempDir();
    const unknown = reworded((p) => p.changes.map((c) => ({ ...c, risks: c.risks.map((r) => ({ ...r, code: 'harmless' as never })) })));
    writePlan(dir, unknown);
    const run = await checkPrivileged(dir, prEnv(dir), '--plan', 'plan.json');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/plan\.json is not a snac plan: \/changes\/\d+\/risks\/0\/code must be equal to one of the allowed values/);
  });
});
