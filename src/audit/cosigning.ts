/**
 * The log's side of witnessing: reading the trail's leaves, asking witnesses to cosign a checkpoint
 * (with the consistency proof from the size each witness last cosigned, learned from its 409
 * answer), and a publisher that keeps the latest signed and cosigned checkpoint of a store.
 */
import type { EventStore } from '../eventsourcing/store';
import { signCheckpoint, type LogCheckpoint } from './checkpoint';
import { addSignatureLines } from './cosignature';
import { eventHashes, leafOfEventHash } from './digest';
import { consistencyProof, equalBytes, merkleRoot } from './merkle';
import { openNote, type NoteResult, type NoteSigner, type VerifierKey } from './note';
import { formatAddCheckpoint } from './witness';

const fail = (reason: string): { readonly ok: false; readonly reason: string } => ({ ok: false, reason });

/** The RFC 6962 leaves of the trail (one per event, in global order). Memory: 32 bytes per event. */
export const trailLeaves = async (store: EventStore): Promise<Uint8Array[]> => {
  const leaves: Uint8Array[] = [];
  for await (const e of eventHashes(store)) leaves.push(new Uint8Array(leafOfEventHash(e.hash)));
  return leaves;
};

/** Checks that a checkpoint's size and root are those of the first leaves of the trail. */
export const checkpointMatches = (c: LogCheckpoint, leaves: readonly Uint8Array[]): NoteResult<true> => {
  if (c.treeSize > leaves.length) return fail(`the checkpoint covers ${c.treeSize} events, the trail has ${leaves.length}`);
  const root = merkleRoot(leaves, c.treeSize);
  if (!root.ok) return root;
  return equalBytes(root.value, c.rootHash) ? { ok: true, value: true }
    : fail(`the trail's first ${c.treeSize} events do not give the checkpoint's root: the trail differs from what the checkpoint covers`);
};

/** A witness to ask. */
export interface WitnessEndpoint {
  /** The submission prefix: the request goes to `<url>/add-checkpoint`. */
  readonly url: string;
  /** When given, the returned cosignature must verify with this key (type 0x04). */
  readonly key?: VerifierKey;
  /** The size it is believed to have cosigned last (default 0: learned from its first answer). */
  readonly oldSize?: number;
}

/** What a witness answered. */
export interface CosignatureAnswer {
  readonly lines: readonly string[];
  /** The size the proof was sent from. */
  readonly oldSize: number;
}

/**
 * Asks a witness to cosign a signed checkpoint. `leaves` are the trail's leaves (at least the
 * checkpoint's size), used for the consistency proof from the size the witness has. A refusal is
 * a failure naming the witness's status and reason.
 */
export const requestCosignature = async (witness: WitnessEndpoint, note: string, checkpoint: LogCheckpoint, leaves: readonly Uint8Array[]): Promise<NoteResult<CosignatureAnswer>> => {
  const url = `${witness.url.replace(/\/+$/, '')}/add-checkpoint`;
  let oldSize = witness.oldSize ?? 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (oldSize > checkpoint.treeSize) {
      return fail(`witness ${witness.url} has cosigned size ${oldSize}, larger than this checkpoint's ${checkpoint.treeSize}: it will not go back`);
    }
    const proof = consistencyProof(leaves, oldSize, checkpoint.treeSize);
    if (!proof.ok) return proof;
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: formatAddCheckpoint(oldSize, proof.value, note) });
    } catch (x) {
      return fail(`witness ${witness.url}: ${x instanceof Error ? (x.cause instanceof Error ? x.cause.message : x.message) : String(x)}`);
    }
    const body = await res.text();
    if (res.status === 409) {
      const size = /^(0|[1-9][0-9]*)\n?$/.exec(body)?.[1];
      if (size === undefined) return fail(`witness ${witness.url} refused (409) without saying its size`);
      if (attempt > 0 || Number(size) === oldSize) {
        return fail(`witness ${witness.url} refused (409): it cosigned a different checkpoint of size ${size} for this log (a fork)`);
      }
      oldSize = Number(size);
      continue;
    }
    if (res.status !== 200) return fail(`witness ${witness.url} refused (${res.status}): ${body.trim() || res.statusText}`);
    const lines = body.split('\n').filter((l) => l !== '');
    if (lines.length === 0 || !lines.every((l) => l.startsWith('\u2014 '))) return fail(`witness ${witness.url}: the answer is not signature lines`);
    if (witness.key !== undefined) {
      const opened = openNote(addSignatureLines(note, lines), [witness.key]);
      if (!opened.ok) return fail(`witness ${witness.url}: its cosignature does not verify with ${witness.key.name}: ${opened.reason}`);
    }
    return { ok: true, value: { lines, oldSize } };
  }
  return fail(`witness ${witness.url} refused (409) twice`);
};

/** Asks several witnesses; the note with every cosignature obtained, and the refusals. */
export const requestCosignatures = async (witnesses: readonly WitnessEndpoint[], note: string, checkpoint: LogCheckpoint, leaves: readonly Uint8Array[]): Promise<{ readonly note: string; readonly refusals: readonly string[]; readonly cosigned: number }> => {
  const answers = await Promise.all(witnesses.map((w) => requestCosignature(w, note, checkpoint, leaves)));
  let cosigned = note;
  const refusals: string[] = [];
  let count = 0;
  for (const a of answers) {
    if (a.ok) { cosigned = addSignatureLines(cosigned, a.value.lines); count += 1; } else refusals.push(a.reason);
  }
  return { note: cosigned, refusals, cosigned: count };
};

/** Options of {@link createCheckpointPublisher}. */
export interface PublisherOptions {
  readonly origin: string;
  readonly signers: readonly NoteSigner[];
  readonly witnesses?: readonly WitnessEndpoint[];
}

/** Keeps the latest checkpoint of a store, signed and cosigned. */
export interface CheckpointPublisher {
  /** The latest published checkpoint note, or undefined before the first. */
  latest(): string | undefined;
  /** Makes, signs and publishes a checkpoint of the trail now, asking the witnesses to cosign. */
  publish(): Promise<NoteResult<{ readonly note: string; readonly checkpoint: LogCheckpoint; readonly refusals: readonly string[] }>>;
}

/** A checkpoint publisher over a store. Publications do not overlap: a call during one waits for it. */
export const createCheckpointPublisher = (store: EventStore, options: PublisherOptions): CheckpointPublisher => {
  let latest: string | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const once = async () => {
    const leaves = await trailLeaves(store);
    const root = merkleRoot(leaves);
    if (!root.ok) return root;
    const checkpoint: LogCheckpoint = { origin: options.origin, treeSize: leaves.length, rootHash: root.value };
    const note = signCheckpoint(checkpoint, options.signers);
    if (!note.ok) return note;
    const witnessed = await requestCosignatures(options.witnesses ?? [], note.value, checkpoint, leaves);
    latest = witnessed.note;
    return { ok: true as const, value: { note: witnessed.note, checkpoint, refusals: witnessed.refusals } };
  };
  return {
    latest: () => latest,
    publish() {
      const next = running.then(once, once);
      running = next.catch(() => undefined);
      return next;
    },
  };
};
