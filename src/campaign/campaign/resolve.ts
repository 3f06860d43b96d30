/** How the facade drives the Campaign: one stream per namespace, its id the namespace. */
import { bindAggregate } from '../facade/binding';
import { campaignCommands } from './commands';
import { campaignAggregate } from './decider';

/** The Campaign's binding. */
export const campaignBinding = bindAggregate({
  spec: campaignAggregate, codecs: campaignCommands, resolvers: {},
  streamOf: (_i, ctx) => ctx.streams.campaign,
  envOf: (world, ctx) => ({ namespace: ctx.streams.namespace, org: world.org }),
});
