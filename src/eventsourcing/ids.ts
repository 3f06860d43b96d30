/**
 * Time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits.
 * They sort by creation time, so stores that index event ids (SQLite) write index pages in order
 * instead of at random places.
 */
import { randomFillSync } from 'node:crypto';

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
