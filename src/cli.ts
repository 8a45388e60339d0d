#!/usr/bin/env node
import { EXIT, type CommandIo } from './commands/command.js';
import { describeError } from './diagnostics.js';
import { main } from './main.js';

// The process shell: the only place that touches process.exit. Everything else is in main.ts.
function interruption(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

const io: CommandIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  interrupted: interruption(),
};
// Exit only once stdout has drained, so a long plan piped to a file is never cut short.
main(process.argv.slice(2), io).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    process.stderr.write(`snac: internal error: ${describeError(error)}\n`);
    process.exit(EXIT.error);
  },
);
