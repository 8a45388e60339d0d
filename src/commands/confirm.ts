import { createInterface } from 'node:readline/promises';
import type { CommandIo } from './command.js';

/** Can someone answer a question: is stdin a terminal? */
export function canAsk(io: CommandIo): boolean {
  return io.stdin?.isTTY === true;
}

/**
 * Ask on the terminal and wait for a line; true only for exactly "yes" (terraform's rule: a
 * stray "y" or Enter never writes). A Ctrl-C while waiting counts as no.
 */
export async function confirmed(io: CommandIo, question: string): Promise<boolean> {
  if (io.stdin === undefined) return false;
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  try {
    io.stderr.write(question);
    const line = new Promise<string>((resolve) => rl.once('line', resolve));
    const answer = await Promise.race([line, io.interrupted.then(() => '')]);
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}
