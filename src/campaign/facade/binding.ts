/**
 * How the facade drives one aggregate: the codecs of its commands, the stream a command goes to,
 * the resolvers that complete an input with facts from other streams, and the decider bound to
 * the Organization and the Campaign as loaded for the command. Each aggregate declares its binding
 * in its own folder (`problem/resolve.ts`); {@link bindAggregate} checks, at compile time, that a
 * resolver takes exactly its command's input and that every command the decider cannot take as
 * the plain input has one.
 */
import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import type { DomainEvent } from '../../eventsourcing/decider';
import type { Actor } from '../../eventsourcing/envelope';
import type { LedgerError } from '../../eventsourcing/errors';
import type { CommandHandler, CommandMetadata, HandleOptions, HandleResult, Loaded } from '../../eventsourcing/handler';
import { bindDecider, type AggregateSpec, type DomainEnv } from '../aggregate';
import type { CommandCodecs } from '../define';
import { loadWith, type FacadeContext } from './context';

/** What a command produced: the stored events, the state after them, the stream's revision. */
export type CommandResult<S> = HandleResult<S>;

/** The input of command `K` of the codecs `D`, as its codec decodes it. */
export type InputOf<D extends CommandCodecs, K extends keyof D> = t.TypeOf<D[K]>;

/**
 * Completes the validated input `I` of one command into the command `C` the decider sees. `options`
 * are the caller's (a resolver that writes elsewhere first checks the expected revision itself).
 */
export type Resolver<I, C> = (input: I, world: DomainEnv, actor: Actor, ctx: FacadeContext, options?: HandleOptions) => Promise<E.Either<LedgerError, C>>;

/** The input of command `K` with its type: what the decider sees when no resolver is needed. */
type Plain<D extends CommandCodecs, K extends keyof D & string> = { readonly type: K } & InputOf<D, K>;

/**
 * One resolver per command that needs one: required where the plain input is not a command the
 * decider takes, optional elsewhere.
 */
export type Resolvers<D extends CommandCodecs, C> = {
  readonly [K in keyof D & string as Plain<D, K> extends C ? never : K]: Resolver<InputOf<D, K>, C>;
} & {
  readonly [K in keyof D & string as Plain<D, K> extends C ? K : never]?: Resolver<InputOf<D, K>, C>;
};

/** What one command needs beyond its input: the world it is decided in, its actor and metadata. */
export interface CommandRequest {
  readonly world: DomainEnv;
  readonly actor: Actor;
  readonly metadata: CommandMetadata;
  readonly handler: CommandHandler;
  /** The caller's expected revision and idempotency ids, if any. */
  readonly options?: HandleOptions;
}

/** How the facade drives one aggregate with command codecs `D` and state `S`. */
export interface Binding<D extends CommandCodecs, S> {
  /** The aggregate's name (as in its rights: `problem.verify`). */
  readonly name: string;
  readonly codecs: D;
  /** Commands that an actor unknown to the organization may issue (only `organization.establish`). */
  readonly bootstrap: readonly string[];
  /** The stream a command's input goes to. */
  readonly streamOf: (input: InputOf<D, keyof D>, ctx: FacadeContext) => string;
  /** Folds one stream of the aggregate. */
  readonly load: (handler: CommandHandler, streamId: string) => Promise<E.Either<LedgerError, Loaded<S>>>;
  /** Resolves a validated input into its command and handles it on its stream. */
  readonly handle: <K extends keyof D & string>(type: K, input: InputOf<D, K>, request: CommandRequest, ctx: FacadeContext) => Promise<E.Either<LedgerError, CommandResult<S>>>;
}

/** The environment of an aggregate whose decider does not take the Organization and the Campaign as they are. */
type EnvOf<Env> = DomainEnv extends Env
  ? { readonly envOf?: (world: DomainEnv, ctx: FacadeContext) => Env }
  : { readonly envOf: (world: DomainEnv, ctx: FacadeContext) => Env };

/** What an aggregate's folder declares to the facade. */
export type AggregateBindingSpec<D extends CommandCodecs, C extends { readonly type: string }, S, Ev extends DomainEvent, Env> = {
  readonly spec: AggregateSpec<C, S, Ev, Env>;
  readonly codecs: D;
  readonly streamOf: (input: InputOf<D, keyof D>, ctx: FacadeContext) => string;
  readonly resolvers: Resolvers<D, C>;
  readonly bootstrap?: readonly (keyof D & string)[];
} & EnvOf<Env>;

/** Binds an aggregate for the facade (see {@link AggregateBindingSpec}). */
export const bindAggregate = <D extends CommandCodecs, C extends { readonly type: string }, S, Ev extends DomainEvent, Env>(
  def: AggregateBindingSpec<D, C, S, Ev, Env>,
): Binding<D, S> => {
  // The resolvers by name; `Resolvers<D, C>` made sure each takes its own command's input.
  const resolvers: Partial<Record<string, Resolver<never, C>>> = def.resolvers;
  const plain = <K extends keyof D & string>(type: K, input: InputOf<D, K>): Promise<E.Either<LedgerError, C>> =>
    // No resolver: `Resolvers<D, C>` made one required wherever the plain input is not a `C`.
    Promise.resolve(E.right({ ...input, type } as Plain<D, K> as C));
  // Without `envOf`, `EnvOf<Env>` made sure the decider takes the DomainEnv itself.
  const envOf = (world: DomainEnv, ctx: FacadeContext): Env => (def.envOf === undefined ? (world as Env) : def.envOf(world, ctx));
  return {
    name: def.spec.name,
    codecs: def.codecs,
    bootstrap: def.bootstrap ?? [],
    streamOf: def.streamOf,
    load: (handler, streamId) => loadWith(handler, def.spec, streamId),
    handle: async (type, input, request, ctx) => {
      const resolver = resolvers[type] as Resolver<InputOf<D, typeof type>, C> | undefined;
      const command = await (resolver === undefined ? plain(type, input) : resolver(input, request.world, request.actor, ctx, request.options));
      if (E.isLeft(command)) return command;
      const decider = bindDecider(def.spec, envOf(request.world, ctx));
      return request.handler.handle(decider, def.streamOf(input, ctx), command.right, request.metadata, request.options)();
    },
  };
};
