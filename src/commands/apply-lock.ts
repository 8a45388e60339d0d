import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { forceUnlock, type LockClaim, type LockOptions } from '../apply/lock.js';
import { loadProject } from '../config/index.js';
import { formatDiagnostic } from '../diagnostics.js';
import { createTableApi } from '../servicenow/index.js';
import { EXIT, type CommandIo, type ExitCode } from './command.js';
import { resolveTarget } from './target.js';

/** How long an apply's lock claim holds without renewal; it is renewed every third of this. */
const LOCK_TTL_MS = 10 * 60_000;

/**
 * The apply lock as this process takes it. The holder shown to a refused apply is the workflow
 * run in CI, else user@host. A claim is known dead when it comes from an earlier attempt of the
 * same workflow run (GitHub runs attempts one after another), or from a process of this user on
 * this host that no longer exists (a killed apply).
 */
export function lockOptions(env: NodeJS.ProcessEnv): LockOptions {
  const user = env['USER'] ?? safeUser();
  const host = hostname();
  const ciRun = env['GITHUB_RUN_ID'];
  const ciAttempt = Number(env['GITHUB_RUN_ATTEMPT'] ?? '1');
  const repository = env['GITHUB_REPOSITORY'];
  const holder = repository && ciRun ? `${repository} workflow run ${ciRun} (attempt ${ciAttempt})` : `${user}@${host}`;
  const origin = { host, user, pid: process.pid, ...(ciRun ? { ciRun, ciAttempt } : {}) };
  const isGone = ({ origin: theirs }: LockClaim) =>
    (ciRun !== undefined && theirs['ciRun'] === ciRun && Number(theirs['ciAttempt']) < ciAttempt) ||
    (theirs['host'] === host && theirs['user'] === user && typeof theirs['pid'] === 'number' && theirs['pid'] !== process.pid && !alive(theirs['pid']));
  return { holder, origin, ttlMs: LOCK_TTL_MS, isGone };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'someone';
  }
}

/** `snac apply --force-unlock`: delete every lock claim on the instance, saying whose they were. */
export async function runForceUnlock(values: { dir?: string | undefined; config?: string | undefined; instance?: string | undefined; 'instance-url'?: string | undefined }, io: CommandIo): Promise<ExitCode> {
  const project = await loadProject({ dir: resolve(io.cwd, values.dir ?? 'accounts'), ...(values.config === undefined ? {} : { configFile: resolve(io.cwd, values.config) }) });
  if (project.desired === undefined) {
    for (const d of project.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    io.stderr.write('snac apply --force-unlock: the declarations have errors, so the instance is not known; nothing was changed\n');
    return EXIT.error;
  }
  const target = resolveTarget(project.desired.config, { instance: values.instance, instanceUrl: values['instance-url'] }, io.env);
  const removed = await forceUnlock(createTableApi({ url: target.url, credentials: target.credentials }));
  if (removed.length === 0) io.stdout.write(`snac apply --force-unlock: no apply lock was held on ${target.host}\n`);
  for (const claim of removed) io.stdout.write(`snac apply --force-unlock: removed the apply lock of ${claim.holder} (run ${claim.run}) on ${target.host}\n`);
  return EXIT.ok;
}
