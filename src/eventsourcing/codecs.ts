/**
 * The codec registry: every event type has a current schema version and an io-ts codec for its
 * data; upcasters lift older versions on read. Writing an unknown type, an old version or an
 * invalid payload is refused before any I/O.
 */
import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import type { NewEvent, RecordedEvent } from './envelope';
import { errors, type ValidationFailed, type ValidationIssue } from './errors';
import { compileCanonicalWriter, type CompiledWriter } from './canonical';
import { toIssues } from './validation';

/** Lifts the data of `fromVersion` to `fromVersion + 1`. */
export interface Upcaster {
  readonly fromVersion: number;
  /** The data of `fromVersion`, lifted to the next version. */
  readonly up: (data: unknown) => unknown;
}

/** How one event type is written and read. */
export interface EventTypeDefinition<D = unknown> {
  readonly type: string;
  /** The current schema version (what is written). */
  readonly schemaVersion: number;
  readonly codec: t.Type<D, unknown, unknown>;
  /** One upcaster per older version, from `fromVersion` to `fromVersion + 1`. */
  readonly upcasters?: readonly Upcaster[];
}

/** A set of event type definitions. */
export interface CodecRegistry {
  /** Checks events about to be written. */
  validate(events: readonly NewEvent[]): E.Either<ValidationFailed, readonly NewEvent[]>;
  /** Lifts a stored event to the current version and checks it; Left names what failed. */
  upcast<T extends RecordedEvent>(event: T): E.Either<string, T>;
  /** The schema version written for a type, or undefined when the type is unknown. */
  schemaVersionOf(type: string): number | undefined;
  /** Whether the type is known. */
  has(type: string): boolean;
  /** Known types. */
  types(): readonly string[];
  /**
   * A canonical JSON writer for the data of a type, compiled from its codec (the same bytes as
   * `canonicalJson`, faster), or undefined when the type is unknown.
   */
  writerOf?(type: string): CompiledWriter | undefined;
}

/** Builds a registry; refuses duplicate types and missing upcaster steps. */
export const createCodecRegistry = (definitions: readonly EventTypeDefinition<any>[]): CodecRegistry => {
  const byType = new Map<string, EventTypeDefinition>();
  for (const d of definitions) {
    if (byType.has(d.type)) throw new Error(`event type "${d.type}" is defined twice`);
    for (let v = 1; v < d.schemaVersion; v++) {
      if (!d.upcasters?.some((u) => u.fromVersion === v)) {
        throw new Error(`event type "${d.type}" v${d.schemaVersion} has no upcaster from v${v}`);
      }
    }
    byType.set(d.type, d);
  }
  const writers = new Map<string, CompiledWriter>();
  return {
    writerOf(type) {
      let w = writers.get(type);
      if (w === undefined) {
        const def = byType.get(type);
        if (def === undefined) return undefined;
        w = compileCanonicalWriter(def.codec);
        writers.set(type, w);
      }
      return w;
    },
    has: (type) => byType.has(type),
    schemaVersionOf: (type) => byType.get(type)?.schemaVersion,
    types: () => [...byType.keys()],
    validate(events) {
      const issues: ValidationIssue[] = [];
      events.forEach((e, i) => {
        const def = byType.get(e.type);
        if (def === undefined) {
          issues.push({ path: `events[${i}].type`, message: `unknown event type ${JSON.stringify(e.type)}` });
          return;
        }
        if (e.schemaVersion !== def.schemaVersion) {
          issues.push({
            path: `events[${i}].schemaVersion`,
            message: `${e.type} is written at schema version ${def.schemaVersion}, got ${e.schemaVersion}`,
          });
          return;
        }
        const r = def.codec.decode(e.data);
        if (E.isLeft(r)) issues.push(...toIssues(r.left, `events[${i}].data`));
      });
      return issues.length ? E.left(errors.validation(issues)) : E.right(events);
    },
    upcast(event) {
      const def = byType.get(event.type);
      if (def === undefined) return E.left(`unknown event type ${JSON.stringify(event.type)}`);
      if (event.schemaVersion > def.schemaVersion) {
        return E.left(`${event.type} schema version ${event.schemaVersion} is newer than this code knows (${def.schemaVersion})`);
      }
      let data = event.data;
      for (let v = event.schemaVersion; v < def.schemaVersion; v++) {
        const step = def.upcasters?.find((u) => u.fromVersion === v);
        if (step === undefined) return E.left(`${event.type}: no upcaster from version ${v}`);
        data = step.up(data);
      }
      const r = def.codec.decode(data);
      if (E.isLeft(r)) return E.left(toIssues(r.left, 'data').map((x) => `${x.path}: ${x.message}`).join('; '));
      return E.right(data === event.data ? event : { ...event, data: r.right, schemaVersion: def.schemaVersion });
    },
  };
};
