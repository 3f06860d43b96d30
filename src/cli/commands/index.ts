/** Every command of the program, in the order the help lists them. */
import type { Command } from '../command';
import { auditVerifyCommand } from './audit-verify';
import { backupCommand } from './backup';

/** The commands. */
export const commands: readonly Command[] = [
  auditVerifyCommand,
  backupCommand,
];
