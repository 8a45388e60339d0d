import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/planner/plan.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../src/render/markdown.js';
import { renderJson } from '../../src/render/json.js';
import { summaryLine } from '../../src/render/summary.js';
import { renderText } from '../../src/render/text.js';
import { account, desiredState, group, link, liveAccount, liveState } from '../support/states.js';
import { mechanicsOnly } from '../support/plan-context.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/plan.schema.json', import.meta.url), 'utf8')) as object;
const validatePlan = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema);

const sample = () =>
  plan(
    desiredState({
      accounts: [account('svc_new', { manager: 'alice' }, { groups: ['ops'] }), account('svc_a', { email: 'a|b@x' })],
      groups: [{ ...group('ops', {}, ['admin']) }],
    }),
    liveState({ accounts: [liveAccount('svc_a', { email: 'old@x' }), liveAccount('svc_gone')], memberships: [link('sys_user_grmember', 'svc_a', 'ops')] }),
    mechanicsOnly(),
  );

describe('summary line', () => {
  it('counts per action in the terraform style, or says there is nothing to do', () => {
    expect(summaryLine(sample())).toBe('Plan: 2 to create, 1 to update, 1 to deactivate, 2 grants.');
    expect(summaryLine(plan(desiredState(), liveState(), mechanicsOnly()))).toBe('No changes. The instance matches the declarations.');
  });
});

describe('text', () => {
  it('shows each change with its fields, risks, access and the summary, without colour unless asked', () => {
    const text = renderText(sample(), { color: false, instanceName: 'dev' });
    expect(text).toContain('snac plan for dev (test.service-now.com)');
    expect(text).toContain('  ~ update ServiceAccount svc_a  accounts/svc_a.yaml:1:1\n      email: "old@x" → "a|b@x"');
    expect(text).toContain('  - deactivate ServiceAccount svc_gone\n      in scope but no longer declared\n      active: true → false\n      ! deactivates svc_gone');
    expect(text).toContain('svc_new: +admin (privileged)');
    expect(text).not.toMatch(/\u001b\[/);
    expect(renderText(sample(), { color: true })).toMatch(/\u001b\[32m\+ create Group ops/);
  });
});

describe('markdown', () => {
  it('puts the marker and the summary first and escapes table cells', () => {
    const md = renderMarkdown(sample(), { instanceName: 'dev', marker: { sha: 'abc123' } });
    expect(md.split('\n')[0]).toMatch(/^<!-- snac-plan instance=dev plan=[0-9a-f]{64} sha=abc123 -->$/);
    expect(md).toContain('**Plan: 2 to create, 1 to update, 1 to deactivate, 2 grants.**');
    expect(md).toContain('"a\\|b@\u200bx"');
    expect(md).toContain('#### ⚠️ Destructive and privileged changes');
    expect(md).toContain('| `svc_new` | **admin** (privileged) | — |');
  });

  it('stays under GitHub\'s limit for 5,000 changes, keeping the dangerous parts and saying where the rest is', () => {
    const accounts = Array.from({ length: 2500 }, (_, i) => `svc_${String(i).padStart(5, '0')}`);
    const p = plan(
      desiredState({ accounts: accounts.map((a) => account(a, { email: `${a}@example.com` }, { roles: ['itil'] })), config: { safety: { maxPrunes: 10, maxChangeShare: 1, minAdmins: 1 } } }),
      liveState(),
    mechanicsOnly(),
  );
    expect(p.changes).toHaveLength(5000);
    const md = renderMarkdown(p, { fullPlanUrl: 'https://github.com/o/r/actions/runs/1' });
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(md).toContain('**Plan: 2500 to create, 2500 grants.**');
    expect(md).toMatch(/This comment was cut to stay under GitHub's size limit: \d+ rows are not shown\. See \[the full plan\]\(https:\/\/github.com\/o\/r\/actions\/runs\/1\)/);
  });
});

describe('json', () => {
  it('is canonical (sorted keys) and valid against schemas/plan.schema.json', () => {
    const json = renderJson(sample());
    const parsed = JSON.parse(json) as Record<string, unknown>;
    expect(validatePlan(parsed)).toBe(true);
    expect(Object.keys(parsed)).toEqual([...Object.keys(parsed)].sort());
    const reordered = Object.fromEntries(Object.entries(parsed).reverse());
    expect(renderJson(reordered as unknown as Parameters<typeof renderJson>[0])).toBe(json);
  });

  it('the schema rejects a plan with an unknown action', () => {
    const parsed = JSON.parse(renderJson(sample())) as { changes: { action: string }[] };
    parsed.changes[0] = { ...parsed.changes[0], action: 'explode' };
    expect(validatePlan(parsed)).toBe(false);
  });
});
