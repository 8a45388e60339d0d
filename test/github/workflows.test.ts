import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workflowErrors } from '../support/workflows.js';

const root = join(import.meta.dirname, '..', '..');
const workflowDir = join(root, '.github', 'workflows');
const read = (path: string) => readFileSync(path, 'utf8');

interface Job {
  if?: string;
  environment?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  strategy?: { matrix?: { instance?: string[] } };
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  steps: { id?: string; if?: string; uses?: string; with?: Record<string, string>; env?: Record<string, string> }[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflow = (file: string) => parse(read(join(workflowDir, file))) as Workflow;

describe('workflow files', () => {
  const files = readdirSync(workflowDir).filter((f) => f.endsWith('.yml'));

  it('are the four snac needs', () => {
    expect(files.sort()).toEqual(['apply.yml', 'ci.yml', 'drift.yml', 'plan.yml']);
  });

  it.each(files)('%s validates against the GitHub workflow schema', async (file) => {
    expect(await workflowErrors(file, read(join(workflowDir, file)))).toEqual([]);
  });

  it('the validator does catch a broken workflow (unknown keys, bad expressions, secrets where GitHub forbids them)', async () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n    if: ${{ github.event.x == }}\n    environment: ${{ secrets.X }}\n    steps: [{ run: echo }]\n';
    const errors = await workflowErrors('broken.yml', broken);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringContaining("Unexpected value 'stepz'"),
      expect.stringContaining('Unexpected end of expression'),
      expect.stringContaining("Unrecognized named-value: 'secrets'"),
    ]));
  });

  it('action.yml validates against the GitHub action schema and has the documented inputs', () => {
    const content = read(join(root, 'action.yml'));
    expect(parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter()).context.errors.getErrors()).toEqual([]);
    const action = parse(content) as { inputs: Record<string, unknown>; runs: { using: string } };
    expect(Object.keys(action.inputs)).toEqual(['command', 'instance', 'directory', 'github-token', 'output-file']);
    expect(action.runs.using).toBe('composite');
  });

  it('ci.yml runs .ci/run on Node 20, 22 and 24', () => {
    const ci = workflow('ci.yml');
    expect(ci.jobs['test']?.strategy?.matrix).toEqual({ node: [20, 22, 24] });
    expect(ci.jobs['test']?.steps.at(-1)).toEqual({ run: '.ci/run' });
  });

  it('ci.yml runs the long suites (every fault seed and kill point) nightly and on demand only', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['schedule', 'workflow_dispatch']));
    expect(ci.jobs['reliability']?.if).toBe("github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'");
    expect(ci.jobs['reliability']?.steps.at(-1)).toEqual({ run: 'npm run test:long' });
    expect(ci.jobs['test']?.steps.map((step) => (step as { run?: string }).run)).not.toContain('npm run test:long');
  });
});

describe('the plan workflow never exposes secrets to pull requests from forks', () => {
  const plan = workflow('plan.yml');
  const raw = read(join(workflowDir, 'plan.yml'));
  const SAME_REPO = 'github.event.pull_request.head.repo.full_name == github.repository';

  it('runs on pull_request (never pull_request_target, which runs fork code with secrets), token permissions off by default', () => {
    expect(Object.keys(plan.on).sort()).toEqual(['pull_request', 'pull_request_review']);
    expect(raw).not.toContain('pull_request_target');
    expect(plan.permissions).toEqual({});
    expect(plan.on['pull_request']).toEqual({ paths: ['accounts/**', 'schemas/**', 'snac.yaml'] });
  });

  it('guards every job that has an environment or a secret, or that can write, with the same-repository condition', () => {
    const guarded = Object.entries(plan.jobs).filter(([, job]) => job.environment !== undefined || JSON.stringify(job).includes('secrets.') || Object.values(job.permissions ?? {}).includes('write'));
    expect(guarded.map(([name]) => name).sort()).toEqual(['comment', 'plan', 'privileged-review']);
    for (const [, job] of guarded) expect(job.if).toContain(SAME_REPO);
  });

  it('validates without any secret or environment, and plans with read-only credentials from a per-instance environment', () => {
    const validate = plan.jobs['validate']!;
    expect(JSON.stringify(validate)).not.toMatch(/secrets\.|environment/);
    expect(validate.permissions).toEqual({ contents: 'read' });
    const job = plan.jobs['plan']!;
    expect(job.environment).toBe('snac-read-${{ matrix.instance }}');
    expect(job.permissions).toEqual({ contents: 'read' });
    expect(plan.jobs['comment']!.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(plan.jobs['comment']!.environment).toBeUndefined();
  });
});

describe('apply and drift', () => {
  const apply = workflow('apply.yml');
  const job = apply.jobs['apply']!;

  it('applies one at a time per instance, with the protected environment, only after check-reviewed and check-privileged', () => {
    expect(Object.keys(apply.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(job.concurrency).toEqual({ group: 'snac-apply-${{ matrix.instance }}', 'cancel-in-progress': false });
    expect(job.environment).toBe('snac-write-${{ matrix.instance }}');
    const commands = job.steps.map((s) => s.with?.['command'] ?? '');
    const reviewed = commands.findIndex((c) => c.startsWith('check-reviewed'));
    const applied = commands.findIndex((c) => c.startsWith('apply --plan plan.json'));
    expect(reviewed).toBeGreaterThan(commands.findIndex((c) => c.startsWith('plan --out plan.json')));
    const privileged = commands.findIndex((c) => c.startsWith('check-privileged --plan plan.json'));
    expect(privileged).toBeGreaterThan(reviewed);
    expect(applied).toBeGreaterThan(privileged);
    expect(apply.jobs['report']?.needs).toBe('apply');
    expect(apply.jobs['report']?.steps.at(-1)?.with?.['command']).toBe('report-apply --outcome outcome.json');
  });

  it('keeps the apply journal as an artifact, whatever the apply did', () => {
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.['path']).toBe('.snac/journal/');
    expect(upload?.if).toContain('!cancelled()');
  });

  it('runs drift on a schedule and on demand', () => {
    expect(Object.keys(workflow('drift.yml').on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it('has one matrix entry per instance declared in snac.yaml, in every workflow', () => {
    const declared = (parse(read(join(root, 'snac.yaml'))) as { instances: { name: string }[] }).instances.map((i) => i.name);
    const matrices = ['plan.yml', 'apply.yml', 'drift.yml'].flatMap((file) =>
      Object.entries(workflow(file).jobs).filter(([, j]) => j.environment !== undefined || j.strategy !== undefined).map(([name, j]) => [`${file} ${name}`, j.strategy?.matrix?.instance]),
    );
    expect(matrices).toEqual([['plan.yml plan', declared], ['plan.yml comment', declared], ['apply.yml apply', declared], ['apply.yml report', declared], ['drift.yml drift', declared]]);
  });
});
