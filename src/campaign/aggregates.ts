/**
 * The aggregates of the campaign domain, as the facade drives them. Each has one folder with the
 * same files in the same order (events, commands, state, decider, policy, resolve); a new
 * aggregate is one folder and one line here.
 */
import { accountabilityBinding } from './accountability/resolve';
import { campaignBinding } from './campaign/resolve';
import { followUpBinding } from './followup/resolve';
import { inspectionBinding } from './inspection/resolve';
import { organizationBinding } from './organization/resolve';
import { problemBinding } from './problem/resolve';
import { regulationBinding } from './regulation/resolve';
import { reportBinding } from './report/resolve';
import { supervisionBinding } from './supervision/resolve';
import { taskBinding } from './task/resolve';

/** Every aggregate's binding, by the name of its command group on the ledger. */
export const aggregates = {
  organization: organizationBinding,
  campaign: campaignBinding,
  task: taskBinding,
  problem: problemBinding,
  report: reportBinding,
  inspection: inspectionBinding,
  accountability: accountabilityBinding,
  supervision: supervisionBinding,
  regulation: regulationBinding,
  followUp: followUpBinding,
} as const;
