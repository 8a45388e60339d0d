import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowOption } from '../../src/commands/options.js';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { naturalKey } from '../../src/model/keys.js';
import type { Change } from '../../src/plan/change.js';
import type { SafetyContext, SafetyRail } from '../../src/plan/rails/rail.js';
import { ALLOWABLE_CODES, SAFETY_RAILS, safetyFindings } from '../../src/plan/safety.js';
import { link, liveRecord, liveState } from '../support/states.js';

const RAILS_DIR = new URL('../../src/plan/rails/', import.meta.url);
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const PLAN_SCHEMA = JSON.parse(readFileSync(new URL('../../schemas/plan.schema.json', import.meta.url), 'utf8')) as { $defs: { finding: { properties: { code: { description: string } } } } };

/** The README's table of safety rails, as the registry says it. */
function railsTable(rails: readonly SafetyRail[]): string {
  return [
    '| code | blocks the plan when | `--allow` lifts it |',
    '|---|---|---|',
    ...rails.map((r) => `| \`${r.code}\` | ${r.description} | ${r.allowable ? 'yes' : `no: ${r.unallowable}`} |`),
  ].join('\n');
}

describe('the safety rail registry', () => {
  it('gives every rail its own kebab-case code and a one-line description', () => {
    const codes = SAFETY_RAILS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rail of SAFETY_RAILS) {
      expect(rail.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rail.description).toMatch(/^[^\n]{10,}$/);
    }
  });

  it('registers every rail that src/plan/rails/ defines', async () => {
    const defined: unknown[] = [];
    for (const file of readdirSync(RAILS_DIR).filter((f) => f.endsWith('.ts'))) {
      const module = (await import(new URL(file, RAILS_DIR).href)) as Record<string, unknown>;
      defined.push(...Object.values(module).filter((v) => typeof v === 'object' && v !== null && 'check' in v && 'code' in v));
    }
    expect(defined.length).toBe(SAFETY_RAILS.length);
    for (const rail of defined) expect(SAFETY_RAILS).toContain(rail);
  });

  it('derives the codes --allow takes from the rails it can lift; reconciler-self and unknown-role say why it cannot', () => {
    expect(ALLOWABLE_CODES).toEqual(SAFETY_RAILS.filter((r) => r.allowable).map((r) => r.code));
    const unallowable = SAFETY_RAILS.flatMap((r) => (r.allowable ? [] : [[r.code, r.unallowable] as const]));
    expect(unallowable.map(([code]) => code)).toEqual(['reconciler-self', 'unknown-role']);
    for (const [code, why] of unallowable) {
      expect(why.length).toBeGreaterThan(20);
      expect(() => allowOption([code])).toThrow(`${code} cannot be allowed: ${why}; the codes --allow takes are ${ALLOWABLE_CODES.join(', ')}`);
    }
    expect(allowOption([...ALLOWABLE_CODES])).toEqual([...ALLOWABLE_CODES]);
  });

  it('is the README table of safety rails, row for row', () => {
    expect(README).toContain(`${railsTable(SAFETY_RAILS)}\n\n`);
    const rows = README.split('\n').filter((line) => /^\| `[a-z-]+` \|/.test(line) && SAFETY_RAILS.some((r) => line.startsWith(`| \`${r.code}\` |`)));
    expect(rows).toHaveLength(SAFETY_RAILS.length);
  });

  it('is the list of safety rail codes plan.schema.json gives for a finding', () => {
    const listed = /safety rails' codes: ([a-z, -]+) \(/.exec(PLAN_SCHEMA.$defs.finding.properties.code.description)?.[1]?.split(', ');
    expect(listed).toEqual(SAFETY_RAILS.map((r) => r.code));
  });
});

const change = (over: Partial<Change>): Change => ({ kind: 'ServiceAccount', key: 'svc_a', action: 'update', fields: [], origin: 'declared', risk: 'normal', risks: [], ...over });
const setting = (key: string, after: string) => change({ kind: 'SecuritySettings', key, action: 'set', fields: [{ field: 'value', before: 'false', after }] });
const grant = (from: string, to: string) => change({ kind: 'DirectRole', key: `${from} → ${to}`, action: 'grant', link: { from: naturalKey(from), to: naturalKey(to) } });

function context(changes: readonly Change[], extra: Partial<SafetyContext> = {}): SafetyContext {
  return { live: liveState(), after: liveState(), changes, access: [], safety: DEFAULT_CONFIG.safety, allow: new Set(), ...extra };
}

const listed = (context: SafetyContext) => safetyFindings(context).map((f) => `${f.blocking ? 'block' : 'warn'} ${f.code} ${f.summary.split(' ')[0] ?? ''}`);

describe('safetyFindings: the rails in a loop', () => {
  it('lets --allow turn a liftable finding into a warning, and never an unallowable one', () => {
    const changes = [grant('svc_a', 'u_missing'), change({ key: 'svc_gone', action: 'deactivate', origin: 'prune' })];
    const live = liveState({ accounts: [liveRecord('sys_user', 'svc_gone', { active: true, web_service_access_only: false })] });
    expect(listed(context(changes, { live }))).toEqual(['block interactive-account svc_gone', 'block unknown-role role']);
    expect(listed(context(changes, { live, allow: new Set(['interactive-account', 'unknown-role']) }))).toEqual(['warn interactive-account svc_gone', 'block unknown-role role']);
  });

  it('lists a High Security Setting\'s findings side by side, setting by setting in apply order', () => {
    const changes = [setting('glide.basicauth.required.api', 'true'), setting('glide.basicauth.required.soap', 'true')];
    expect(listed(context(changes))).toEqual([
      'block irreversible-setting setting',
      'block needs-elevation glide.basicauth.required.api',
      'block irreversible-setting setting',
      'block needs-elevation glide.basicauth.required.soap',
    ]);
  });

  it('keeps a finding the rail is unsure of a warning, whatever --allow says', () => {
    const roles = [liveRecord('sys_user_role', 'u_reader', { name: 'u_reader', assignable_by: 'u_reader_admin' }), liveRecord('sys_user_role', 'u_reader_admin', { name: 'u_reader_admin' })];
    const after = liveState({ roles, directRoles: [link('sys_user_has_role', 'svc_a', 'u_reader')] });
    const changes = [grant('svc_a', 'u_reader')];
    const base = { live: liveState({ roles }), after };
    expect(listed(context(changes, { ...base, granter: { name: 'svc_snac', roles: new Set(['user_admin']) } }))).toEqual(['block assignable-by svc_a']);
    expect(listed(context(changes, { ...base, granter: { name: 'svc_snac', roles: new Set(['user_admin']) }, allow: new Set(['assignable-by']) }))).toEqual(['warn assignable-by svc_a']);
    expect(listed(context(changes, { ...base, granter: { name: 'svc_snac' } }))).toEqual(['warn assignable-by svc_a']);
  });
});
