import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { captureIo } from '../support/io.js';
import { actionsEnv, github, REPO, tempDir } from './support.js';

let sn: TestInstance;
let root: string;

beforeEach(async () => {
  sn = await startInstance({ seed: 'demo' });
  root = tempDir();
  writeFileSync(join(root, 'snac.yaml'), `instances:\n  - name: prod\n    url: ${sn.url}\n    auth: { type: basic, username_env: SNAC_USER, password_env: SNAC_PASSWORD }\n    reconciler: svc_snac\nscope:\n  user_name_prefixes: [svc_test_]\n`);
  mkdirSync(join(root, 'accounts'));
  writeFileSync(
    join(root, 'accounts', 'okta.yaml'),
    'kind: ServiceAccount\nuser_name: svc_test_okta\nfirst_name: Okta\nlast_name: Provisioning\nemail: identity@acme.example\nowner: alice.nguyen\npurpose: Creates users from Okta.\n',
  );
});
afterEach(async () => {
  nock.cleanAll();
  await sn.close();
});

async function snac(...argv: string[]) {
  const io = captureIo({ ...actionsEnv(root), SNAC_USER: 'admin', SNAC_PASSWORD: 'admin' }, root);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('snac drift on a terminal, without GitHub', () => {
  it('prints what differs and who changed it when, as text or markdown, and needs no token', async () => {
    const local = async (...argv: string[]) => {
      const io = captureIo({ SNAC_USER: 'admin', SNAC_PASSWORD: 'admin' }, root);
      const code = await main(argv, io);
      return { code, out: io.out(), err: io.err() };
    };
    expect((await local('apply', '--auto-approve')).code).toBe(0);
    expect(await local('drift')).toEqual({ code: 0, out: `snac drift: no drift on prod (${new URL(sn.url).host}): the instance matches the declarations.\n`, err: '' });
    const id = sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_test_okta')?.values['sys_id'];
    expect((await sn.as('admin', 'admin').patch(`/api/now/table/sys_user/${id}`, { email: 'someone@else.example' })).status).toBe(200);

    const text = await local('drift');
    expect(text.code).toBe(2);
    expect(text.err).toBe('');
    expect(text.out).toMatch(new RegExp([
      `^snac drift: 1 change on prod \\(127\\.0\\.0\\.1:\\d+\\) differs from the declarations; applying them would undo:`,
      '',
      '  ~ update ServiceAccount svc_test_okta',
      '      email: "someone@else\\.example" on the instance, "identity@acme\\.example" declared',
      '      last changed by admin, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d',
      '',
      'Put the instance back with snac apply, or, if the change was right, declare it under accounts/ in a pull request\\.',
      '$',
    ].join('\\n')));
    const markdown = await local('drift', '--format', 'markdown');
    expect(markdown.code).toBe(2);
    expect(markdown.out).toMatch(/^### 1 change on `prod` \(127\.0\.0\.1:\d+\) differs from the declarations\n/);
    expect(markdown.out).not.toContain('<!--');
  });
});

describe('snac drift against an instance', () => {
  it('reports a record edited by hand with who edited it and when, then closes the issue once it is put back', async () => {
    expect((await snac('apply', '--auto-approve')).code).toBe(0);
    const id = sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_test_okta')?.values['sys_id'];
    expect((await sn.as('admin', 'admin').patch(`/api/now/table/sys_user/${id}`, { email: 'someone@else.example' })).status).toBe(200);

    let body = '';
    const opened = github()
      .get(`${REPO}/issues`).query(true).reply(200, [])
      .post(`${REPO}/issues`, (b: { body: string }) => ((body = b.body), true))
      .reply(201, { number: 1, html_url: 'https://github.com/acme/servicenow-access/issues/1' });
    const found = await snac('drift', '--instance', 'prod');
    expect(found.code).toBe(2);
    expect(opened.isDone()).toBe(true);
    expect(body).toContain('email: "someone@\u200belse.example" on the instance, "identity@\u200bacme.example" declared');
    expect(body).toMatch(/\| admin, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \|/);

    expect((await snac('apply', '--auto-approve')).code).toBe(0);
    const open = { number: 1, state: 'open', title: 't', body, html_url: 'https://github.com/acme/servicenow-access/issues/1', user: { login: 'github-actions[bot]', type: 'Bot' } };
    const closed = github()
      .get(`${REPO}/issues`).query(true).reply(200, [open])
      .post(`${REPO}/issues/1/comments`).reply(201, { id: 1 })
      .patch(`${REPO}/issues/1`, { state: 'closed', state_reason: 'completed' }).reply(200, { ...open, state: 'closed' });
    const gone = await snac('drift', '--instance', 'prod');
    expect(gone.code).toBe(0);
    expect(gone.out).toContain('drift issue closed');
    expect(closed.isDone()).toBe(true);
  });
});
