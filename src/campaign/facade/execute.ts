/**
 * The generic command path of the facade: validate the actor id, the input (io-ts, errors name
 * the field) and the options (an unknown option is named, never ignored); load the Organization and the Campaign; resolve the actor from them
 * (never from what the caller claims); complete the command with facts from other streams where
 * needed; then handle it (policy, rules, append with the loaded revision, bounded retries).
 */
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Actor } from '../../eventsourcing/envelope';
import { errors, type LedgerError } from '../../eventsourcing/errors';
import type { CommandHandler, CommandMetadata, HandleOptions } from '../../eventsourcing/handler';
import { uuidFromName } from '../../eventsourcing/ids';
import { runnable, type Runnable } from '../../eventsourcing/runnable';
import { IsoDateTime, decodeWith } from '../../eventsourcing/validation';
import { resolveActor } from '../actors';
import { Id, LongText } from '../codecs';
import type { CommandCodecs } from '../define';
import { asCampaignError, type CampaignError } from '../rules';
import type { Binding, CommandResult, InputOf } from './binding';
import type { FacadeContext } from './context';
import { plainCopy } from './plain';

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
  /**
   * The revision the caller saw of the command's stream (an HTTP `If-Match`): `'no_stream'` when
   * it should not exist yet. A stream elsewhere is a WrongExpectedRevision, before any rule is
   * asked, and the command is not retried.
   */
  readonly expectedRevision?: bigint | number | 'no_stream';
  /**
   * Makes the command safe to retry (an HTTP `Idempotency-Key`; 1-200 characters). The command's
   * event ids derive from the key (UUIDv5, per namespace): a retry with the same key and input
   * answers the first result with `duplicate: true` and stores nothing; the same key with another
   * input is refused (DuplicateEventId).
   */
  readonly idempotencyKey?: string;
}

/**
 * A command ready to run: a `TaskEither` (call it, or compose it with fp-ts) that also runs when
 * awaited, so `await ledger.problem.verify(...)` without the final `()` is not lost.
 */
export type Command<S> = Runnable<CampaignError, CommandResult<S>>;

/** One command method: `(actorId, input, options?) => Command<S>` (await it or call it). */
export type CommandMethod<I, S> = (actorId: string, input: I, options?: CommandOptions) => Command<S>;

/** The command methods of an aggregate, one per command codec. */
export type CommandMethods<D extends CommandCodecs, S> = { readonly [K in keyof D & string]: CommandMethod<t.TypeOf<D[K]>, S> };

/** A stream revision as a caller may write it: a bigint or a safe integer, >= 0, or `'no_stream'`. */
const Revision = new t.Type<bigint | 'no_stream', bigint | 'no_stream', unknown>(
  'ExpectedRevision',
  (u): u is bigint | 'no_stream' => u === 'no_stream' || (typeof u === 'bigint' && u >= 0n),
  (u, c) => {
    if (u === 'no_stream' || (typeof u === 'bigint' && u >= 0n)) return t.success(u);
    if (typeof u === 'number' && Number.isSafeInteger(u) && u >= 0) return t.success(BigInt(u));
    return t.failure(u, c, 'expected a revision (an integer >= 0) or "no_stream"');
  },
  t.identity,
);

/** An idempotency key: 1-200 characters, not only spaces. */
const IdempotencyKey = new t.Type<string, string, unknown>(
  'IdempotencyKey',
  (u): u is string => typeof u === 'string' && u.trim().length > 0 && u.length <= 200,
  (u, c) => (typeof u === 'string' && u.trim().length > 0 && u.length <= 200
    ? t.success(u) : t.failure(u, c, 'expected an idempotency key of 1-200 characters')),
  t.identity,
);

const optionCodecs = {
  reason: LongText, onBehalfOf: Id, effectiveAt: IsoDateTime, correlationId: LongText, causationId: LongText,
  expectedRevision: Revision, idempotencyKey: IdempotencyKey,
};
const OptionsCodec = t.partial(optionCodecs);
type DecodedOptions = t.TypeOf<typeof OptionsCodec>;

/** Decodes the options; an option the facade does not know is named (not ignored). */
const decodeOptions = (options: unknown): E.Either<LedgerError, DecodedOptions> => {
  if (options === undefined || options === null) return E.right({});
  if (typeof options !== 'object' || Array.isArray(options)) {
    return E.left(errors.validation([{ path: 'options', message: 'expected an object of options' }]));
  }
  const unknown = Object.keys(options).filter((k) => !Object.prototype.hasOwnProperty.call(optionCodecs, k));
  if (unknown.length > 0) {
    return E.left(errors.validation(unknown.map((k) => ({
      path: `options.${k}`, message: `unknown option ${JSON.stringify(k)} (known: ${Object.keys(optionCodecs).join(', ')})`,
    }))));
  }
  return decodeWith(OptionsCodec, options, 'options');
};

/** How the handler runs a command with these options: the caller's revision, the key's ids. */
const handleOptionsOf = (ctx: FacadeContext, opts: DecodedOptions): HandleOptions => {
  const key = opts.idempotencyKey;
  const scope = `${ctx.streams.namespace}\u0000${key ?? ''}\u0000`;
  return {
    ...(opts.expectedRevision === undefined ? {} : { expectedRevision: opts.expectedRevision }),
    ...(key === undefined ? {} : {
      idempotency: { commandId: uuidFromName(`${scope}command`), eventId: (i: number) => uuidFromName(`${scope}${i}`) },
    }),
  };
};

/** Metadata of a command from its options. */
export const metadataOf = (actor: Actor, input: unknown, options: Omit<CommandOptions, 'expectedRevision' | 'idempotencyKey'>): CommandMetadata => {
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

/**
 * Checks what the caller passed: a plain copy of each part first (hostile values — BigInts,
 * Proxies, throwing getters, sparse arrays — are a ValidationFailed naming their path), then the
 * codecs. Nothing the caller passed is used past this point.
 */
const checkAll = <D extends CommandCodecs, S>(
  binding: Binding<D, S>, type: keyof D & string, actorId: unknown, input: unknown, options: unknown,
): E.Either<LedgerError, { readonly id: string; readonly valid: InputOf<D, typeof type>; readonly opts: DecodedOptions }> => {
  try {
    const rawId = plainCopy(actorId, 'actorId');
    const raw = plainCopy(input);
    const opts = plainOptions(options);
    const hostile = [rawId, raw, opts].flatMap((r) => (E.isLeft(r) && r.left._tag === 'ValidationFailed' ? r.left.issues : []));
    if (hostile.length > 0 || E.isLeft(rawId) || E.isLeft(raw) || E.isLeft(opts)) return E.left(errors.validation(hostile));
    const id = decodeWith(Id, rawId.right, 'actorId');
    if (E.isLeft(id)) return id;
    const codec: t.Mixed | undefined = Object.prototype.hasOwnProperty.call(binding.codecs, type) ? binding.codecs[type] : undefined;
    if (codec === undefined) return E.left(errors.validation([{ path: 'type', message: `unknown command ${JSON.stringify(type)}` }]));
    const valid = decodeWith<InputOf<D, typeof type>, unknown>(codec, raw.right);
    if (E.isLeft(valid)) return valid;
    const decoded = decodeOptions(opts.right);
    if (E.isLeft(decoded)) return decoded;
    return E.right({ id: id.right, valid: valid.right, opts: decoded.right });
  } catch (x) {
    return E.left(errors.validation([{ path: 'input', message: `could not be read: ${x instanceof Error ? x.message : 'unknown failure'}` }]));
  }
};

/** A plain copy of the options; `expectedRevision` may be a BigInt (it is checked by its codec). */
const plainOptions = (options: unknown): E.Either<LedgerError, unknown> => {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return plainCopy(options, 'options');
  let revision: unknown;
  let rest: unknown;
  try {
    const d = Object.getOwnPropertyDescriptor(options, 'expectedRevision');
    revision = d !== undefined && 'value' in d ? d.value : undefined;
    if (d !== undefined && !('value' in d)) return E.left(errors.validation([{ path: 'options.expectedRevision', message: 'expected a value, got an accessor' }]));
    rest = Object.fromEntries(Object.keys(options).filter((k) => k !== 'expectedRevision').map((k) => [k, Object.getOwnPropertyDescriptor(options, k)?.value]));
    for (const k of Object.keys(options)) {
      const dk = Object.getOwnPropertyDescriptor(options, k);
      if (dk !== undefined && !('value' in dk)) return E.left(errors.validation([{ path: `options.${k}`, message: 'expected a value, got an accessor' }]));
    }
  } catch {
    return E.left(errors.validation([{ path: 'options', message: 'could not be read (a getter or proxy threw)' }]));
  }
  const copy = plainCopy(rest, 'options');
  if (E.isLeft(copy)) return copy;
  if (revision === undefined) return copy;
  const rev = typeof revision === 'bigint' ? E.right(revision) : plainCopy(revision, 'options.expectedRevision');
  return E.isLeft(rev) ? rev : E.right({ ...(copy.right as object), expectedRevision: rev.right });
};

const validateAndHandle = async <D extends CommandCodecs, S>(
  ctx: FacadeContext, binding: Binding<D, S>, type: keyof D & string, actorId: unknown, input: unknown,
  options: unknown, handler: CommandHandler,
): Promise<E.Either<LedgerError, CommandResult<S>>> => {
  const checked = checkAll(binding, type, actorId, input, options);
  if (E.isLeft(checked)) return checked;
  const { id, valid, opts } = checked.right;
  const world = await ctx.world();
  if (E.isLeft(world)) return world;
  const resolved = resolveActor(id, world.right.org, world.right.campaign);
  let actor: Actor;
  if (E.isRight(resolved)) actor = resolved.right;
  else if (binding.bootstrap.includes(type) && !world.right.org.people.has(id)) actor = { id, posts: [] };
  else return resolved;
  const metadata = metadataOf(actor, valid, opts);
  return binding.handle(type, valid, { world: world.right, actor, metadata, handler, options: handleOptionsOf(ctx, opts) }, ctx);
};

/** Builds the command methods of an aggregate. */
export const commandMethods = <D extends CommandCodecs, S>(ctx: FacadeContext, binding: Binding<D, S>): CommandMethods<D, S> =>
  Object.fromEntries(Object.keys(binding.codecs).map((type) => [
    type,
    (actorId: string, input: unknown, options?: CommandOptions) => runnable(() => runCommand(ctx, binding, type, actorId, input, options)),
  ])) as CommandMethods<D, S>;
