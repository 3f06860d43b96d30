/**
 * Who may act on an Inspection: the `inspection_office` does everything; `linkFinding` (the back
 * link from a finding to its problem) may also be recorded by `system`, which runs the reactions.
 */
import type { Actor } from '../../eventsourcing/envelope';
import type { DomainEnv, Policy } from '../aggregate';
import { holdsAny } from '../posts';
import type { InspectionCommand } from './commands';
import type { InspectionState } from './state';

const office = (_c: unknown, _s: InspectionState, actor: Actor): true | string =>
  holdsAny(actor.posts, ['inspection_office']) || 'requires the inspection_office post';

/** The Inspection's policy table. */
export const inspectionPolicy: Policy<InspectionCommand, InspectionState, DomainEnv> = {
  plan: office,
  commitSeed: office,
  recordVisit: office,
  recordFinding: office,
  linkFinding: (_c, _s, actor) => holdsAny(actor.posts, ['inspection_office', 'system']) || 'requires the inspection_office or system post',
  recordSpotCheck: office,
  revealSeed: office,
  conclude: office,
};
