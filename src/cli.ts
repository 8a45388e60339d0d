#!/usr/bin/env node
import { EXIT, type CommandIo } from './commands/command.js';
import { describeError } from './diagnostics.js';
import { main } from './main.js';

// The process shell: the only place that touches process.exit. Everything else is in main.ts.
// The first Ctrl-C (or SIGTERM) asks the command to stop: no new request starts, writes in
// flight finish and are journaled. A second one ends the process at once.
function interruption(): Promise<void> {
  return new Promise((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) {
        process.stderr.write('\nsnac: stopped at once; run the same command again to finish (snac apply resumes from the instance, nothing is written twice)\n');
        process.exit(EXIT.interrupted);
      }
      // A terminal's Ctrl-C is SIGINT; a supervisor (CI cancelling a job, a script) sends SIGTERM.
      process.stderr.write(signal === 'SIGINT' ? '\nsnac: stopping (Ctrl-C again to quit at once)\n' : `\nsnac: stopping on ${signal} (a second signal quits at once)\n`);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

const io: CommandIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
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
