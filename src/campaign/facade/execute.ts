/**
 * The generic command path of the facade: validate the actor id, the input (io-ts, errors name
 * the field) and the options; load the Organization and the Campaign; resolve the actor from them
 * (never from what the caller claims); complete the command with facts from other streams where
 * needed; then handle it (policy, rules, append with the loaded revision, bounded retries).
 */
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Actor } from '../../eventsourcing/envelope';
import { errors, type LedgerError } from '../../eventsourcing/errors';
import type { CommandHandler, CommandMetadata } from '../../eventsourcing/handler';
import { IsoDateTime, decodeWith } from '../../eventsourcing/validation';
import { resolveActor } from '../actors';
import { Id, LongText } from '../codecs';
import type { CommandCodecs } from '../define';
import { asCampaignError, type CampaignError } from '../rules';
import type { Binding, CommandResult, InputOf } from './binding';
import type { FacadeContext } from './context';

/** Who asks, why and when, beyond the actor id. */
export interface CommandOptions {
  /** Why (recorded in the metadata; defaults to the input's `reason` when it has one). */
  readonly reason?: string;
  /** The person the actor acts for. */
  readonly onBehalfOf?: string;
  /** The business time of the fact (ISO 8601 with zone); may be earlier than now (backdated), never later. */
  readonly effectiveAt?: string;
  /** Groups the events of one intent (defaults to a fresh id). */
  readonly correlationId?: string;
  /** What caused this command (defaults to the command's own id). */
  readonly causationId?: string;
}

/** One command method: `(actorId, input, options?) => TaskEither<CampaignError, CommandResult<S>>`. */
export type CommandMethod<I, S> = (actorId: string, input: I, options?: CommandOptions) => TaskEither<CampaignError, CommandResult<S>>;

/** The command methods of an aggregate, one per command codec. */
export type CommandMethods<D extends CommandCodecs, S> = { readonly [K in keyof D & string]: CommandMethod<t.TypeOf<D[K]>, S> };

const OptionsCodec = t.partial({
  reason: LongText, onBehalfOf: Id, effectiveAt: IsoDateTime, correlationId: LongText, causationId: LongText,
});

/** Metadata of a command from its options. */
export const metadataOf = (actor: Actor, input: unknown, options: CommandOptions): CommandMetadata => {
  const inputReason = typeof input === 'object' && input !== null && typeof (input as { reason?: unknown }).reason === 'string'
    ? (input as { reason: string }).reason : undefined;
  const reason = options.reason ?? inputReason;
  return {
    actor,
    ...(reason === undefined ? {} : { reason }),
    ...(options.onBehalfOf === undefined ? {} : { onBehalfOf: options.onBehalfOf }),
    ...(options.effectiveAt === undefined ? {} : { effectiveAt: options.effectiveAt }),
    ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
    ...(options.causationId === undefined ? {} : { causationId: options.causationId }),
  };
};

/** Runs one command of an aggregate (with an explicit handler, for the reactions). */
export const runCommand = async <D extends CommandCodecs, S>(
  ctx: FacadeContext, binding: Binding<D, S>, type: keyof D & string, actorId: unknown, input: unknown,
  options: unknown = {}, handler: CommandHandler = ctx.handler,
): Promise<E.Either<CampaignError, CommandResult<S>>> =>
  E.mapLeft(asCampaignError)(await validateAndHandle(ctx, binding, type, actorId, input, options, handler));

const validateAndHandle = async <D extends CommandCodecs, S>(
  ctx: FacadeContext, binding: Binding<D, S>, type: keyof D & string, actorId: unknown, input: unknown,
  options: unknown, handler: CommandHandler,
): Promise<E.Either<LedgerError, CommandResult<S>>> => {
  const id = decodeWith(Id, actorId, 'actorId');
  if (E.isLeft(id)) return id;
  const codec: t.Mixed | undefined = binding.codecs[type];
  if (codec === undefined) return E.left(errors.validation([{ path: 'type', message: `unknown command ${JSON.stringify(type)}` }]));
  const valid = decodeWith<InputOf<D, typeof type>, unknown>(codec, input);
  if (E.isLeft(valid)) return valid;
  const opts = decodeWith(OptionsCodec, options ?? {}, 'options');
  if (E.isLeft(opts)) return opts;
  const world = await ctx.world();
  if (E.isLeft(world)) return world;
  const resolved = resolveActor(id.right, world.right.org, world.right.campaign);
  let actor: Actor;
  if (E.isRight(resolved)) actor = resolved.right;
  else if (binding.bootstrap.includes(type) && !world.right.org.people.has(id.right)) actor = { id: id.right, posts: [] };
  else return resolved;
  const metadata = metadataOf(actor, valid.right, opts.right);
  return binding.handle(type, valid.right, { world: world.right, actor, metadata, handler }, ctx);
};

/** Builds the command methods of an aggregate. */
export const commandMethods = <D extends CommandCodecs, S>(ctx: FacadeContext, binding: Binding<D, S>): CommandMethods<D, S> =>
  Object.fromEntries(Object.keys(binding.codecs).map((type) => [
    type,
    (actorId: string, input: unknown, options?: CommandOptions) => () => runCommand(ctx, binding, type, actorId, input, options),
  ])) as CommandMethods<D, S>;
