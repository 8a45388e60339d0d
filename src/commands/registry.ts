import type { Command } from './command.js';
import { demoCommand } from './demo.js';
import { emulatorCommand } from './emulator.js';

/** Every verb of the CLI, in the order `snac --help` lists them. Adding a verb is one line here. */
export const commands: readonly Command[] = [demoCommand, emulatorCommand];
