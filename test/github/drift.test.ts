import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { DRIFT_LABEL, reconcileDriftIssue } from '../../src/github/drift-issue.js';
import { driftItems, renderDriftIssue } from '../../src/github/drift-report.js';
import { main } from '../../src/main.js';
import { plan } from '../../src/planner/plan.js';
import { captureIo } from '../support/io.js';
import { account, desiredState, link, liveAccount, liveState } from '../support/states.js';
import { actionsEnv, client, emptyPlan, github, REPO, tempDir, writePlan } from './support.js';
import { mechanicsOnly } from '../support/plan-context.js';

afterEach(() => nock.cleanAll());

/** Someone made svc_a interactive and gave it admin by hand. */
const live = liveState({ accounts: [{ ...liveAccount('svc_a', { web_service_access_only: false }), version: { table: 'sys_user', sysId: 'u1', modCount: 4, createdOn: '2026-10-01 00:00:00', updatedOn: '2026-11-03 08:15:00', updatedBy: 'jane.admin' } }], directRoles: [link('sys_user_has_role', 'svc_a', 'admin')] });
const drifted = plan(desiredState({ accounts: [account('svc_a', { web_service_access_only: true }, { roles: [] })] }), live, mechanicsOnly());
const report = renderDriftIssue('prod', drifted.instance, driftItems(drifted.changes, live));

const RUN = 'https://github.com/acme/servicenow-access/actions/runs/9001';
const issue = (number: number, state: 'open' | 'closed', body: string, type: 'Bot' | 'User' = 'Bot') => ({
  number,
  state,
  title: report.title,
  body,
  html_url: `https://github.com/acme/servicenow-access/issues/${number}`,
  user: { login: type === 'Bot' ? 'github-actions[bot]' : 'mallory', type },
});
const listed = (issues: unknown[]) =>
  github().get(`${REPO}/issues`).query({ labels: DRIFT_LABEL, state: 'all', sort: 'created', direction: 'desc', per_page: 100 }).reply(200, issues);

describe('the drift report', () => {
  it('says what differs, who changed each record last and when, and that deleted rows are only in sys_audit', () => {
    expect(report.body.split('\n')[0]).toBe('<!-- snac-drift instance=prod -->');
    expect(report.body).toContain('| ~ update | ServiceAccount `svc_a` | web\\_service\\_access\\_only: false on the instance, true declared | jane.admin, 2026-11-03 08:15:00 |');
    expect(report.body).toContain('| - revoke | DirectRole `svc_a → admin` | — | admin, 2026-11-01 00:00:00 |');
    const deleted = plan(desiredState({ accounts: [account('svc_b')] }), liveState(), mechanicsOnly());
    expect(renderDriftIssue('prod', 'x', driftItems(deleted.changes, liveState())).body).toContain('not in the live row (see sys_audit)');
    expect(report.title).toBe('snac: prod drifted from the declarations (2 changes)');
  });
});

describe('the drift issue', () => {
  it('is opened once, with the label, when drift first appears (an issue someone else wrote with the marker is not it)', async () => {
    const scope = listed([issue(3, 'open', report.body, 'User')])
      .post(`${REPO}/issues`, { title: report.title, body: report.body, labels: [DRIFT_LABEL] })
      .reply(201, issue(4, 'open', report.body));
    expect(await reconcileDriftIssue(client(), 'prod', report, RUN)).toEqual({ kind: 'opened', url: 'https://github.com/acme/servicenow-access/issues/4' });
    expect(scope.isDone()).toBe(true);
  });

  it('is left alone while the drift is the same, and updated with a comment when it changes', async () => {
    const same = listed([issue(4, 'open', report.body)]);
    expect(await reconcileDriftIssue(client(), 'prod', report, RUN)).toMatchObject({ kind: 'unchanged' });
    expect(same.isDone()).toBe(true);

    const changed = listed([issue(4, 'open', '<!-- snac-drift instance=prod -->\nolder drift')])
      .patch(`${REPO}/issues/4`, { title: report.title, body: report.body })
      .reply(200, issue(4, 'open', report.body))
      .post(`${REPO}/issues/4/comments`, (b: { body: string }) => b.body.includes(RUN))
      .reply(201, { id: 1 });
    expect(await reconcileDriftIssue(client(), 'prod', report, RUN)).toMatchObject({ kind: 'updated' });
    expect(changed.isDone()).toBe(true);
  });

  it('is closed with a comment when the drift is gone, and reopened (not duplicated) when it returns', async () => {
    const gone = listed([issue(4, 'open', report.body), issue(2, 'closed', report.body)])
      .post(`${REPO}/issues/4/comments`, (b: { body: string }) => b.body.startsWith('The instance matches the declarations again'))
      .reply(201, { id: 1 })
      .patch(`${REPO}/issues/4`, { state: 'closed', state_reason: 'completed' })
      .reply(200, issue(4, 'closed', report.body));
    expect(await reconcileDriftIssue(client(), 'prod', undefined, RUN)).toMatchObject({ kind: 'closed' });
    expect(gone.isDone()).toBe(true);

    const back = listed([issue(4, 'closed', report.body), issue(2, 'closed', report.body)])
      .patch(`${REPO}/issues/4`, { title: report.title, body: report.body, state: 'open' })
      .reply(200, issue(4, 'open', report.body))
      .post(`${REPO}/issues/4/comments`, (b: { body: string }) => b.body.startsWith('Drift is back'))
      .reply(201, { id: 2 });
    expect(await reconcileDriftIssue(client(), 'prod', report, RUN)).toMatchObject({ kind: 'reopened' });
    expect(back.isDone()).toBe(true);

    const quiet = listed([issue(4, 'closed', report.body)]);
    expect(await reconcileDriftIssue(client(), 'prod', undefined, RUN)).toEqual({ kind: 'none' });
    expect(quiet.isDone()).toBe(true);
  });
});

describe('snac drift --plan', () => {
  it('exits 2 after opening the issue for drift, 0 after closing it, and needs issues: write', async () => {
    const dir = tempDir();
    const run = async (p: typeof drifted) => {
      writePlan(dir, p);
      const io = captureIo(actionsEnv(dir), dir);
      return { code: await main(['drift', '--plan', 'plan.json', '--instance', 'prod'], io), out: io.out(), err: io.err() };
    };
    const opened = listed([]).post(`${REPO}/issues`).reply(201, issue(5, 'open', 'x'));
    const found = await run(drifted);
    expect(found.out).toContain('snac drift: prod: 2 changes differ; drift issue opened (https://github.com/acme/servicenow-access/issues/5)');
    expect(found.code).toBe(2);
    expect(opened.isDone()).toBe(true);

    const refused = listed([issue(5, 'open', report.body)]).post(`${REPO}/issues/5/comments`).reply(403, { message: 'Resource not accessible by integration' });
    const denied = await run(emptyPlan());
    expect(denied.code).toBe(1);
    expect(denied.err).toContain('it lacks "issues: write"');
    expect(refused.isDone()).toBe(true);
  });
});
