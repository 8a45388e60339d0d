import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { findingLines } from '../../src/render/finding-groups.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { plan } from '../../src/planner/plan.js';
import { desiredState, liveState } from '../support/states.js';
import { mechanicsOnly } from '../support/plan-context.js';

const at = (line: number) => ({ file: 'accounts/security-settings.yaml', line, column: 3 });
const unknown = (name: string, line: number): Diagnostic & { blocking: boolean } => ({
  severity: 'warning', code: 'unknown-setting', summary: `unknown: ${name} is not readable`, fix: 'check it as an admin', blocking: false, at: at(line),
});
const other = (code: string, blocking = false): Diagnostic & { blocking: boolean } => ({ severity: blocking ? 'error' : 'warning', code, summary: `${code} happened`, fix: 'do it', blocking });

describe('findings on a terminal', () => {
  it('show a fix shared by three or more findings once, with every finding under it where the first stood', () => {
    const lines = findingLines([other('first'), unknown('soap', 8), other('middle', true), unknown('wsdl', 9), unknown('xsd', 10), other('last')]);
    expect(lines).toEqual([
      { text: 'warning [first] first happened: do it', blocking: false },
      { text: 'warning [unknown-setting] ×3, each: check it as an admin', blocking: false },
      { text: '  accounts/security-settings.yaml:8:3 unknown: soap is not readable', blocking: false },
      { text: '  accounts/security-settings.yaml:9:3 unknown: wsdl is not readable', blocking: false },
      { text: '  accounts/security-settings.yaml:10:3 unknown: xsd is not readable', blocking: false },
      { text: 'error [middle] middle happened: do it', blocking: true },
      { text: 'warning [last] last happened: do it', blocking: false },
    ]);
  });

  it('keep two alike findings, or alike ones with different fixes or blocking, one line each', () => {
    const lines = findingLines([unknown('soap', 8), unknown('wsdl', 9), { ...unknown('xsd', 10), fix: 'another fix' }, { ...other('x', true) }, { ...other('x', false) }, { ...other('x', true) }]);
    expect(lines.map((l) => l.text)).toEqual([
      'accounts/security-settings.yaml:8:3 warning [unknown-setting] unknown: soap is not readable: check it as an admin',
      'accounts/security-settings.yaml:9:3 warning [unknown-setting] unknown: wsdl is not readable: check it as an admin',
      'accounts/security-settings.yaml:10:3 warning [unknown-setting] unknown: xsd is not readable: another fix',
      'error [x] x happened: do it',
      'warning [x] x happened: do it',
      'error [x] x happened: do it',
    ]);
  });

  it('show names from the instance inert inside a group too', () => {
    const lines = findingLines([unknown('a\n::error::x', 1), unknown('b\u001b[2J', 2), unknown('c', 3)]);
    expect(lines.map((l) => l.text).join('\n')).not.toMatch(/[\u0000-\u0009\u000b-\u001f]|\n\s*::/);
    expect(lines[1]?.text).toBe('  accounts/security-settings.yaml:1:3 unknown: a\\x0a::error::x is not readable');
  });

  it('in the PR comment, show a shared fix once with each finding, its place and its name inert, under it', () => {
    const base = plan(desiredState(), liveState(), mechanicsOnly());
    const findings = [unknown('soap', 8), unknown('wsdl <!-- x -->', 9), unknown('xsd', 10), { ...other('alone'), fix: 'do it' }].map((f) => ({ ...f, blocking: false }));
    const md = renderMarkdown({ ...base, findings }, {});
    expect(md).toContain([
      '- ⚠️ `unknown-setting` ×3 — check it as an admin',
      '  - unknown: soap is not readable (accounts/security-settings.yaml:8:3)',
      '  - unknown: wsdl \\<!-- x --\\> is not readable (accounts/security-settings.yaml:9:3)',
      '  - unknown: xsd is not readable (accounts/security-settings.yaml:10:3)',
      '- ⚠️ `alone`: alone happened — do it',
    ].join('\n'));
  });
});
