import { createRepoClient, type RepoClient } from '../github/client.js';
import { loadGitHubContext, type GitHubContext } from '../github/context.js';
import { UsageError, type CommandIo } from './command.js';

export interface GitHubSession {
  readonly context: GitHubContext;
  readonly client: RepoClient;
}

/** The Actions environment and a client for its repository; octokit's warnings go to stderr. */
export async function openGitHub(io: CommandIo): Promise<GitHubSession> {
  const context = await loadGitHubContext(io.env);
  return { context, client: createRepoClient(context, { ...io.github, warn: (message) => io.stderr.write(`warning: ${message}\n`) }) };
}

/** --pr as a number, or undefined when not given. */
export function prOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`--pr must be a pull request number, got "${value}"`);
  return number;
}
