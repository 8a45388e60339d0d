import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { plan, type PlanContext } from '../../src/planner/plan.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { loadDependentsFixture, loadLiveFixture } from './live-fixture.js';

/** The day golden plans are made: expiry and policy findings are judged against it. */
const GOLDEN_TODAY = '2026-12-01';

/**
 * Golden plans: each case under cases/ holds accounts/ (+ snac.yaml), live.yaml, optional
 * base/accounts/ (the PR's base, for drift) and case.yaml (plan options), and the expected
 * plan.txt, plan.md and plan.json. Update them with `npx vitest run test/golden -u` and review
 * the diff like any other change.
 */
const CASES = new URL('./cases/', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(new URL('../../schemas/plan.schema.json', import.meta.url), 'utf8')) as object;
const validatePlan = new Ajv2020({ allowUnionTypes: true }).compile(schema);

interface CaseOptions {
  instance?: string;
  reconciler?: string;
  allow?: string[];
}

describe('golden plans', () => {
  for (const name of readdirSync(CASES).sort()) {
    it(name, async () => {
      const dir = join(CASES, name);
      const project = await loadProject({ dir: join(dir, 'accounts') });
      expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const desired = project.desired;
      if (desired === undefined) throw new Error(`${name}: declarations do not load`);
      const options = (existsSync(join(dir, 'case.yaml')) ? parse(readFileSync(join(dir, 'case.yaml'), 'utf8')) : {}) as CaseOptions;
      const base = existsSync(join(dir, 'base')) ? (await loadProject({ dir: join(dir, 'base', 'accounts') })).desired : undefined;
      const context: PlanContext = {
        today: GOLDEN_TODAY,
        dependents: loadDependentsFixture(join(dir, 'live.yaml')),
        ...(options.instance ? { instanceName: options.instance } : {}),
        ...(options.reconciler ? { reconciler: options.reconciler } : {}),
        ...(options.allow ? { allow: options.allow } : {}),
        ...(base ? { base } : {}),
      };
      const result = plan(desired, loadLiveFixture(join(dir, 'live.yaml')), context);
      const json = renderJson(result);
      expect(validatePlan(JSON.parse(json))).toBe(true);
      await expect(renderText(result, { color: false, instanceName: options.instance ?? 'dev' })).toMatchFileSnapshot(join(dir, 'plan.txt'));
      await expect(renderMarkdown(result, { instanceName: options.instance ?? 'dev' })).toMatchFileSnapshot(join(dir, 'plan.md'));
      await expect(json).toMatchFileSnapshot(join(dir, 'plan.json'));
    });
  }
});
