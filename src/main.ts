import { EXIT, UsageError, type CommandIo, type ExitCode } from './commands/command.js';
import { commands } from './commands/registry.js';
import { describeError } from './diagnostics.js';
import { escapeText } from './render/escape.js';
import { packageInfo } from './package/package-info.js';

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'snac: ServiceNow access as code',
    '',
    'Declare service accounts, roles, group memberships and High Security Settings in YAML,',
    'plan them against a live instance and apply exactly what was reviewed.',
    '',
    'Usage: snac <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `snac <command> --help` for the options of one command.',
    'Exit codes: 0 nothing to do / success, 2 changes present, 1 error.',
  ].join('\n');
}

export async function main(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout.write(mainHelp() + '\n');
    return verb === undefined ? EXIT.error : EXIT.ok;
  }
  if (verb === '--version' || verb === '-v') {
    io.stdout.write(`snac ${packageInfo().version}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === verb);
  if (!command) {
    io.stderr.write(`snac: unknown command "${verb}". Run \`snac --help\` to see the commands.\n`);
    return EXIT.error;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage + '\n');
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`snac ${command.name}: ${error.message}\n\n${command.usage}\n`);
      return EXIT.error;
    }
    // An error may quote what the instance or a file said: shown on one line, escaped.
    io.stderr.write(`snac ${command.name}: ${escapeText(describeError(error))}\n`);
    return EXIT.error;
  }
}
