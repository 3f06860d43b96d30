/** How the facade drives a Task: `${ns}/task/${taskId}`. */
import { bindAggregate } from '../facade/binding';
import { taskCommands } from './commands';
import { taskAggregate } from './decider';

/** The Task's binding. */
export const taskBinding = bindAggregate({
  spec: taskAggregate, codecs: taskCommands, resolvers: {},
  streamOf: (i, ctx) => ctx.streams.task(i.taskId),
});
