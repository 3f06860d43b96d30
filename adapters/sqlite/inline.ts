/**
 * Inline projections: read models kept in tables of the same file and updated in the same
 * transaction (the same savepoint) as the events they fold, checkpoint included. A read model is
 * therefore never ahead of or behind the trail. At the start of every write group each projection
 * first folds whatever other processes appended since its checkpoint, so several processes writing
 * one file keep it complete.
 */
import type { RecordedEvent } from '../../src/eventsourcing/index';
import type { CheckpointTable } from './checkpoints';
import type { SqliteTx } from './tx';

/** A read model maintained inside the append transaction. */
export interface InlineProjection {
  /** Unique name; also the checkpoint's name. */
  readonly name: string;
  /** Changing it clears the read model (`reset`) and folds the whole trail again. */
  readonly version: number;
  /** Creates or empties the read model's tables (first attach, and on a version change). */
  readonly reset: (tx: SqliteTx) => void;
  /** Folds events, in global order. Throwing fails the append that carried them (nothing is stored). */
  readonly apply: (tx: SqliteTx, events: readonly RecordedEvent[]) => void;
}

/** The attached inline projections of one store. */
export interface InlineRunner {
  /** Brings one projection up to date and attaches it (inside the write transaction). */
  attach(p: InlineProjection): void;
  /** Folds what other processes appended since each checkpoint (start of every write group). */
  catchUpAll(): void;
  /** Folds one append's events (inside its savepoint). */
  afterAppend(events: readonly RecordedEvent[]): void;
  readonly names: readonly string[];
}

/** Reads a page of events after a position (throws LedgerFailure on a corrupt row). */
export type PageAfter = (after: bigint | undefined, limit: number) => RecordedEvent[];

const CATCH_UP_PAGE = 500;

/** Creates the runner. */
export const createInlineRunner = (tx: SqliteTx, checkpoints: CheckpointTable, pageAfter: PageAfter): InlineRunner => {
  const attached: InlineProjection[] = [];

  const catchUp = (p: InlineProjection) => {
    let cp = checkpoints.load(p.name);
    if (cp === undefined || cp.version !== p.version) {
      p.reset(tx);
      cp = { version: p.version, position: undefined };
      checkpoints.save(p.name, cp);
    }
    let position = cp.position;
    for (;;) {
      const events = pageAfter(position, CATCH_UP_PAGE);
      const last = events[events.length - 1];
      if (last === undefined) break;
      p.apply(tx, events);
      position = last.position;
      checkpoints.save(p.name, { version: p.version, position });
    }
  };

  return {
    attach: (p) => {
      if (attached.some((a) => a.name === p.name)) throw new Error(`an inline projection named "${p.name}" is already attached`);
      catchUp(p);
      attached.push(p);
    },
    catchUpAll: () => {
      for (const p of attached) catchUp(p);
    },
    afterAppend: (events) => {
      const last = events[events.length - 1];
      if (last === undefined) return;
      for (const p of attached) {
        p.apply(tx, events);
        checkpoints.save(p.name, { version: p.version, position: last.position });
      }
    },
    get names() {
      return attached.map((p) => p.name);
    },
  };
};
