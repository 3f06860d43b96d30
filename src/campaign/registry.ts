/**
 * Every event type of the campaign domain, and the codec registry built from them (what stores,
 * read models and audit tools use to validate and read a campaign's events).
 */
import { createCodecRegistry, type CodecRegistry } from '../eventsourcing/codecs';
import { accountabilityEventTypes } from './accountability/events';
import { campaignEventTypes } from './campaign/events';
import { followUpEventTypes } from './followup/events';
import { inspectionEventTypes } from './inspection/events';
import { numberingEventTypes } from './numbering';
import { organizationEventTypes } from './organization/events';
import { problemEventTypes } from './problem/events';
import { regulationEventTypes } from './regulation/events';
import { reportEventTypes } from './report/events';
import { supervisionEventTypes } from './supervision/events';
import { supervisionNumberEventTypes } from './supervision/numbering';
import { taskEventTypes } from './task/events';

/** Every event type definition of the campaign domain. */
export const campaignEventDefinitions = [
  ...organizationEventTypes,
  ...campaignEventTypes,
  ...taskEventTypes,
  ...problemEventTypes,
  ...numberingEventTypes,
  ...reportEventTypes,
  ...inspectionEventTypes,
  ...accountabilityEventTypes,
  ...supervisionEventTypes,
  ...supervisionNumberEventTypes,
  ...followUpEventTypes,
  ...regulationEventTypes,
] as const;

/** A codec registry of every campaign event type. */
export const createCampaignRegistry = (): CodecRegistry => createCodecRegistry(campaignEventDefinitions);
