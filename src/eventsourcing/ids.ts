/**
 * Time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits.
 * They sort by creation time, so stores that index event ids (SQLite) write index pages in order
 * instead of at random places.
 */
import { createHash, randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(16 * 256);
let offset = pool.length;
let lastMs = 0;
let sequence = 0;

/** A new UUIDv7 string. Monotonic within a process (a 12-bit counter breaks ties inside one millisecond). */
export const uuidv7 = (now: number = Date.now()): string => {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const b = pool.subarray(offset, offset + 16);
  offset += 16;
  if (now <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    sequence = b[6]! & 0x0f; // random start, leaves room to count up
  }
  const out = Buffer.alloc(16);
  out.writeUIntBE(now, 0, 6);
  out[6] = 0x70 | (sequence >> 8);
  out[7] = sequence & 0xff;
  out[8] = 0x80 | (b[8]! & 0x3f);
  b.copy(out, 9, 9, 16);
  const h = out.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** The namespace of {@link uuidFromName} (a fixed UUID of this library). */
export const LEDGER_ID_NAMESPACE = '6f1c0e52-3a8d-5b4e-9c71-2d0f4e8a9b13';

/**
 * A name-based UUID (version 5, RFC 9562: SHA-1 of {@link LEDGER_ID_NAMESPACE} and the UTF-8 name).
 * The same name always gives the same id: the facade derives the ids of a command sent with an
 * idempotency key from the key, so a retry carries the ids of the first attempt.
 */
export const uuidFromName = (name: string): string => {
  const ns = Buffer.from(LEDGER_ID_NAMESPACE.replace(/-/g, ''), 'hex');
  const digest = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = digest.subarray(0, 16);
  b[6] = 0x50 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
