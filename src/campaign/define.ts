/**
 * Small functions to declare an aggregate's event types once and derive from them the codec
 * registry entries and the TypeScript union of its events.
 */
import type * as t from 'io-ts';
import type { EventTypeDefinition } from '../eventsourcing/codecs';
import type { DomainEvent } from '../eventsourcing/decider';

/** One event type: its stored name, schema version and data codec. */
export interface EventDef<T extends string, A> extends EventTypeDefinition<A> {
  readonly type: T;
  readonly codec: t.Type<A, unknown, unknown>;
}

/** Declares an event type at schema version 1. */
export const eventType = <T extends string, C extends t.Mixed>(type: T, codec: C): EventDef<T, t.TypeOf<C>> =>
  ({ type, schemaVersion: 1, codec: codec as unknown as t.Type<t.TypeOf<C>, unknown, unknown> });

/** The union of domain events declared in a record of {@link EventDef}s. */
export type EventUnion<D> = {
  [K in keyof D]: D[K] extends EventDef<infer T, infer A> ? DomainEvent<T, A> : never;
}[keyof D];

/** The list of definitions of a record of {@link EventDef}s (for the codec registry). */
export const definitionsOf = <R extends object>(defs: R): readonly R[keyof R][] => Object.values(defs);

/** Builds a domain event of a declared type. */
export const ev = <T extends string, A>(def: EventDef<T, A>, data: NoInfer<A>): DomainEvent<T, A> => ({ type: def.type, data });

/** A record of command input codecs, keyed by command name. */
export type CommandCodecs = Record<string, t.Mixed>;

/** The union of commands declared in a record of codecs: `{ type: name } & input`. */
export type CommandUnion<D extends CommandCodecs> = {
  [K in keyof D & string]: { readonly type: K } & t.TypeOf<D[K]>;
}[keyof D & string];
