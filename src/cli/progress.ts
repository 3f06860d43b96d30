/**
 * A progress bar on stderr for long work, drawn only when stderr is a terminal (never in pipes,
 * files or tests), redrawn at most ten times a second, and erased when the work ends.
 */
import type { Writable } from 'node:stream';
import type { EventStore, ReadAllOptions } from '../eventsourcing/store';

/** A progress indicator. */
export interface Progress {
  /** Sets how far the work is (`done` of `total`; total may grow). */
  update(done: number, total?: number): void;
  /** Erases the bar. */
  finish(): void;
}

const SILENT: Progress = { update: () => undefined, finish: () => undefined };

/** A bar for `label` on `stream`, or a silent one when the stream is not a terminal. */
export const createProgress = (stream: Writable & { isTTY?: boolean; columns?: number }, label: string, total?: number): Progress => {
  if (!stream.isTTY) return SILENT;
  let last = 0;
  let shown = false;
  let max = total;
  const draw = (done: number) => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
    let line: string;
    if (max !== undefined && max > 0) {
      const ratio = Math.min(1, done / max);
      const filled = Math.round(ratio * width);
      line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${max}`;
    } else {
      line = `${label} ${done}`;
    }
    stream.write(`\r\x1b[2K${line}`);
    shown = true;
  };
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) max = newTotal;
      const now = Date.now();
      if (now - last < 100 && !(max !== undefined && done >= max)) return;
      last = now;
      draw(done);
    },
    finish() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
};

async function* counted<T>(xs: AsyncIterable<T>, tick: () => void): AsyncIterable<T> {
  for await (const x of xs) {
    tick();
    yield x;
  }
}

/**
 * The event store port of `store`, with every event read through `readAll`, `readRaw` or
 * `readStream` counted on `progress` (for work that streams the trail and reports no progress).
 */
export const countReads = (store: EventStore, progress: Progress): EventStore => {
  if (progress === SILENT) return store;
  let n = 0;
  const tick = () => progress.update(++n);
  const readRaw = store.readRaw?.bind(store);
  return {
    append: (id, events, expected) => store.append(id, events, expected),
    readStream: (id, o) => counted(store.readStream(id, o), tick),
    readAll: (o) => counted(store.readAll(o), tick),
    subscribeToAll: (o) => store.subscribeToAll(o),
    streamHead: (id) => store.streamHead(id),
    ...(readRaw ? { readRaw: (o?: ReadAllOptions) => counted(readRaw(o), tick) } : {}),
    close: () => store.close(),
  };
};
