import { describe, expect, it } from 'vitest';
import { planAnnotations, workflowCommand } from '../../src/github/annotations.js';
import type { Finding, Plan } from '../../src/plan/change.js';
import { changesPlan } from './support.js';

const finding = (blocking: boolean): Finding => ({
  severity: blocking ? 'error' : 'warning',
  code: 'forbidden-role',
  summary: 'svc_new would hold admin: 100% of\r\nits access',
  fix: 'remove it, or allow it: see snac.yaml',
  at: { file: 'accounts/a,b:c.yaml', line: 3, column: 5 },
  blocking,
});

describe('annotations', () => {
  it('escapes workflow command data (% CR LF) and properties (also : and ,) as GitHub requires', () => {
    expect(workflowCommand({ level: 'error', title: 'snac x:y,z', message: '50% done\nnext', at: { file: 'accounts/a,b:c.yaml', line: 3, column: 5 } })).toBe(
      '::error file=accounts/a%2Cb%3Ac.yaml,line=3,col=5,title=snac x%3Ay%2Cz::50%25 done%0Anext',
    );
    expect(workflowCommand({ level: 'notice', title: 'snac', message: 'no place' })).toBe('::notice title=snac::no place');
  });

  it('puts blocking findings as errors, others as warnings, and high-risk changes as warnings on their declaration', () => {
    const base = changesPlan();
    const plan: Plan = { ...base, findings: [finding(true), finding(false)] };
    const lines = planAnnotations(plan, 'prod').map(workflowCommand);
    expect(lines[0]).toBe('::error file=accounts/a%2Cb%3Ac.yaml,line=3,col=5,title=snac forbidden-role::svc_new would hold admin: 100%25 of%0D%0Aits access: remove it, or allow it: see snac.yaml');
    expect(lines[1]).toMatch(/^::warning file=accounts\/a%2Cb%3Ac\.yaml,line=3,col=5,title=snac forbidden-role::/);
    expect(lines.slice(2)).toEqual([
      '::warning file=accounts/test.yaml,line=1,col=1,title=snac grant on prod::GroupRole ops → admin: grants the privileged role admin',
      '::warning file=accounts/test.yaml,line=1,col=1,title=snac grant on prod::Membership svc_new → ops: gives svc_new privileged roles through ops: admin',
    ]);
  });
});
