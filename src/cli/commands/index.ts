/** Every command of the program, in the order the help lists them. */
import type { Command } from '../command';
import { auditAsOfCommand } from './audit-as-of';
import { auditCheckpointCommand, auditWitnessCommand } from './audit-checkpoint';
import { auditDigestCommand, auditKeygenCommand } from './audit-digest';
import { auditCheckProofCommand, auditProveCommand } from './audit-proof';
import { auditTimelineCommand } from './audit-timeline';
import { auditExportCommand, auditImportCommand } from './audit-trail';
import { auditVerifyCommand } from './audit-verify';
import { backupCommand } from './backup';
import { dashboardCommand } from './dashboard';
import { demoCommand } from './demo';
import { documentCommand } from './document';
import { ledgerCommand } from './ledger';
import { witnessServeCommand } from './witness-serve';

/** The commands. */
export const commands: readonly Command[] = [
  demoCommand,
  dashboardCommand,
  ledgerCommand,
  documentCommand,
  auditVerifyCommand,
  auditDigestCommand,
  auditCheckpointCommand,
  auditWitnessCommand,
  auditProveCommand,
  auditCheckProofCommand,
  auditTimelineCommand,
  auditAsOfCommand,
  auditExportCommand,
  auditImportCommand,
  auditKeygenCommand,
  backupCommand,
  witnessServeCommand,
];
