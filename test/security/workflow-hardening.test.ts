import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * 11. Someone who controls a dependency (an install script, a compromised package) or a
 * third-party action tag tries to get the apply job's write credentials or the job token.
 * The workflows give them nothing to take: credentials live in the env of snac's own steps
 * only, installs run no scripts in an empty environment, actions are pinned by commit, no
 * checkout leaves the token on disk, and only a credential-free job may write to the PR.
 */

const root = join(import.meta.dirname, '..', '..');
const workflowDir = join(root, '.github', 'workflows');
const files = readdirSync(workflowDir).filter((f) => f.endsWith('.yml'));

interface Step { uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, string | boolean>; if?: string }
interface Job { env?: unknown; environment?: string; permissions?: Record<string, string>; steps: Step[] }
interface Workflow { env?: unknown; jobs: Record<string, Job> }

const text = (file: string) => readFileSync(join(workflowDir, file), 'utf8');
const workflow = (file: string) => parse(text(file)) as Workflow;
const jobs = files.flatMap((file) => Object.entries(workflow(file).jobs).map(([name, job]) => ({ where: `${file} ${name}`, job })));
const isSnac = (step: Step) => step.uses === './' || step.uses?.startsWith('./.snac/') === true;
const CREDENTIAL = /secrets\.|SNAC_(USERNAME|PASSWORD|CLIENT_ID|CLIENT_SECRET|TEAM_TOKEN)/;

describe('11. the workflows give a dependency or an action nothing to take', () => {
  it('credentials appear only in the env of snac steps: never at workflow or job level, nor next to npm', () => {
    for (const file of files) expect(workflow(file).env, file).toBeUndefined();
    const exposed: string[] = [];
    for (const { where, job } of jobs) {
      if (CREDENTIAL.test(JSON.stringify(job.env ?? {}))) exposed.push(`${where}: job env`);
      for (const step of job.steps) {
        const holds = CREDENTIAL.test(JSON.stringify(step.env ?? {})) || CREDENTIAL.test(JSON.stringify(step.with ?? {}));
        if (holds && !isSnac(step)) exposed.push(`${where}: ${step.uses ?? step.run}`);
      }
    }
    expect(exposed).toEqual([]);
  });

  it('every step given ServiceNow credentials is also told where they may go', () => {
    const steps = jobs.flatMap(({ where, job }) => job.steps.filter((s) => s.env?.['SNAC_PASSWORD'] !== undefined).map((s) => ({ where, s })));
    expect(steps.length).toBeGreaterThanOrEqual(4);
    expect(steps.filter(({ s }) => s.env?.['SNAC_ALLOWED_HOSTS'] !== "${{ vars.SNAC_ALLOWED_HOSTS || '*.service-now.com' }}").map(({ where }) => where)).toEqual([]);
  });

  it('every action is pinned by a full commit sha, with its tag in a comment', () => {
    const uses = [...files.map(text), readFileSync(join(root, 'action.yml'), 'utf8')].flatMap((t) => [...t.matchAll(/^\s*-?\s*uses:\s*(\S+)(.*)$/gm)]);
    const loose = uses.filter(([, ref, rest]) => !ref!.startsWith('./') && !(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/.test(ref!) && /^\s+# v\d+\.\d+\.\d+$/.test(rest!)));
    expect(uses.length).toBeGreaterThan(10);
    expect(loose.map(([line]) => line!.trim())).toEqual([]);
  });

  it('no checkout keeps the job token in .git/config', () => {
    const checkouts = jobs.flatMap(({ where, job }) => job.steps.filter((s) => s.uses?.startsWith('actions/checkout@')).map((s) => ({ where, s })));
    expect(checkouts.length).toBeGreaterThan(8);
    expect(checkouts.filter(({ s }) => s.with?.['persist-credentials'] !== false).map(({ where }) => where)).toEqual([]);
  });

  it('every install of the built snac runs no install scripts', () => {
    const installs = [...files.map(text), readFileSync(join(root, 'action.yml'), 'utf8')].flatMap((t) => t.split('\n')).filter((l) => /npm ci\b/.test(l));
    expect(installs.filter((l) => !l.includes('--ignore-scripts'))).toEqual([]);
  });

  it('the apply job cannot write to the pull request; the report job that can holds no credentials', () => {
    const apply = workflow('apply.yml').jobs;
    expect(Object.values(apply['apply']!.permissions ?? {})).not.toContain('write');
    expect(apply['report']!.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(apply['report']!.environment).toBeUndefined();
    expect(JSON.stringify(apply['report'])).not.toMatch(CREDENTIAL);
  });

  it('on a pull request, the jobs that hold a secret or may write run snac from the base branch, not the pull request', () => {
    const plan = workflow('plan.yml').jobs;
    for (const name of ['plan', 'comment', 'privileged-review']) {
      const steps = plan[name]!.steps;
      expect(steps.filter((s) => s.uses === './'), name).toEqual([]);
      const tool = steps.find(isSnac)!.uses!.slice(2);
      const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@') && s.with?.['path'] === tool);
      expect(checkout?.with?.['ref'], name).toBe('${{ github.event.pull_request.base.sha }}');
    }
  });

  it('a malicious npm or dependency run by the action\'s install step sees no credential or token, and no script of it runs', () => {
    const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { runs: { steps: Step[] } };
    const install = action.runs.steps.find((s) => s.run?.includes('npm ci'))!.run!;
    const dir = mkdtempSync(join(tmpdir(), 'snac-install-'));
    const bin = join(dir, 'bin');
    const actionPath = join(dir, 'action');
    mkdirSync(bin);
    mkdirSync(actionPath);
    // The attacker's npm: records its arguments and every variable it can see.
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "ARGS $*" >> "${join(dir, 'seen')}"\nenv >> "${join(dir, 'seen')}"\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    execFileSync('bash', ['-c', install], {
      env: { PATH: `${bin}:${process.env['PATH'] ?? ''}`, HOME: dir, GITHUB_ACTION_PATH: actionPath, SNAC_PASSWORD: 'write-password', SNAC_USERNAME: 'svc_snac', GITHUB_TOKEN: 'ghs_jobtoken', SNAC_TEAM_TOKEN: 'ghs_team' },
    });
    const seen = readFileSync(join(dir, 'seen'), 'utf8');
    expect(seen).toContain('ARGS ci --ignore-scripts');
    expect(seen).not.toMatch(/write-password|svc_snac|ghs_jobtoken|ghs_team|SNAC_|GITHUB_TOKEN/);
  });
});
