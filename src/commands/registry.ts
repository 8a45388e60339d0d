import type { Command } from './command.js';
import { applyCommand } from './apply.js';
import { auditCommand } from './audit.js';
import { checkPrivilegedCommand } from './check-privileged.js';
import { checkReviewedCommand } from './check-reviewed.js';
import { commentCommand } from './comment.js';
import { demoCommand } from './demo.js';
import { driftCommand } from './drift.js';
import { emulatorCommand } from './emulator.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { planCommand } from './plan.js';
import { reportApplyCommand } from './report-apply.js';
import { validateCommand } from './validate.js';

/** Every verb of the CLI, in the order `snac --help` lists them. Adding a verb is one line here. */
export const commands: readonly Command[] = [initCommand, validateCommand, planCommand, applyCommand, auditCommand, importCommand, demoCommand, emulatorCommand, commentCommand, checkPrivilegedCommand, checkReviewedCommand, reportApplyCommand, driftCommand];
