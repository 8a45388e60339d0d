import type { Command } from './command.js';

/** Every verb of the CLI, in the order `snac --help` lists them. Adding a verb is one line here. */
export const commands: readonly Command[] = [];
