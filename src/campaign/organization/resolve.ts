/** How the facade drives the Organization: one stream per namespace; `establish` may come from an actor it does not know yet. */
import { bindAggregate } from '../facade/binding';
import { organizationCommands } from './commands';
import { organizationAggregate } from './decider';

/** The Organization's binding. */
export const organizationBinding = bindAggregate({
  spec: organizationAggregate, codecs: organizationCommands, resolvers: {}, bootstrap: ['establish'],
  streamOf: (_i, ctx) => ctx.streams.organization,
});
