import type { CommandIo } from './command.js';

/** What `beforeInterrupt` answers when Ctrl-C came first. */
export const INTERRUPTED: unique symbol = Symbol('interrupted');

/**
 * Reads (planning, drift) stop at the first Ctrl-C: the command returns at once and exits
 * 130 without starting anything more. Requests in flight are only reads, so leaving them
 * unanswered harms nothing; the process exits when the command returns.
 */
export async function beforeInterrupt<T>(io: CommandIo, work: Promise<T>): Promise<T | typeof INTERRUPTED> {
  // The work may still fail after the race is lost: that failure is no longer anyone's to report.
  work.catch(() => undefined);
  const stopped = io.interrupted.then((): typeof INTERRUPTED => INTERRUPTED);
  return Promise.race([work, stopped]);
}

/** The line a command prints when Ctrl-C stopped it before it wrote anything. */
export function interruptedBeforeWriting(command: string): string {
  return `snac ${command}: interrupted; nothing was written\n`;
}
