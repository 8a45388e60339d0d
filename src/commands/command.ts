import type { GitHubOptions } from '../github/client.js';
import type { TableApiOptions } from '../servicenow/index.js';

/** What every verb of the CLI looks like. Commands return an exit code; only cli.ts exits. */
export interface CommandIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where a confirmation is read from (snac apply on a terminal); absent when nobody can answer. */
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /**
   * Resolves at the first Ctrl-C (or SIGTERM): commands start no new request then, let writes
   * in flight finish, and return EXIT.interrupted. A second Ctrl-C ends the process at once (cli.ts).
   */
  readonly interrupted: Promise<void>;
  /**
   * Timeouts and retry waits of the instance client, when not the defaults: the fault-injection
   * suite runs the real commands under a short timeout profile. The CLI never sets it.
   */
  readonly transport?: Pick<TableApiOptions, 'timeouts' | 'retry'>;
  /**
   * GitHub client settings, when not the defaults: tests of the commands turn off the pacing
   * that spaces GitHub writes a second apart. The CLI never sets it.
   */
  readonly github?: Pick<GitHubOptions, 'pacing'>;
}

/** Exit codes follow terraform's detailed-exitcode convention. */
export const EXIT = { ok: 0, error: 1, changes: 2, rateLimited: 3, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Full usage text printed by `snac <name> --help`. */
  readonly usage: string;
  run(argv: readonly string[], io: CommandIo): Promise<ExitCode>;
}

/** A usage mistake on the command line: printed with the command's usage, exit 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
