/**
 * The trail's verification, made once per head. `verifyStore` reads and hashes the whole trail, so
 * the service keeps the last report and the position it covers: a request at the same head gets the
 * same report, concurrent requests share one verification in progress, and a new event (or
 * `maxAgeMs`, which bounds how long an unchanged file goes unchecked) makes the next request verify again.
 */
import * as E from 'fp-ts/Either';
import type { VerifyReport } from '../../src/audit/report';
import { verifyStore } from '../../src/audit/verify';
import { trailStatus, type TrailStatus } from '../../src/dashboard-html/index';
import { LedgerFailure } from '../../src/eventsourcing/errors';
import type { EventStore } from '../../src/eventsourcing/store';

/** The verification cache of one store. */
export interface TrailCache {
  /** The verification report of the trail as it is now (reused while nothing was appended). */
  report(): Promise<VerifyReport>;
  /** The same, as the dashboard's trail status. */
  status(): Promise<TrailStatus>;
  /** How many times the trail was verified (for monitoring and tests). */
  readonly verifications: number;
}

interface Entry {
  /** The last position the report covers ('' for an empty trail); undefined while in progress. */
  covered: string | undefined;
  readonly at: number;
  readonly report: Promise<VerifyReport>;
}

/** Creates the cache; `clock` dates the digests, `maxAgeMs` (default 60 s) bounds how old a reused report may be. */
export const createTrailCache = (store: EventStore, clock: () => Date, maxAgeMs = 60_000): TrailCache => {
  let entry: Entry | undefined;
  let verifications = 0;

  /** Whether anything was appended after `covered`. */
  const grown = async (covered: string): Promise<boolean> => {
    const from = covered === '' ? undefined : BigInt(covered) + 1n;
    for await (const _ of store.readAll({ fromPosition: from, maxCount: 1 })) return true;
    return false;
  };

  const verify = (): Entry => {
    const now = clock();
    verifications++;
    const report = verifyStore(store, { digestAt: now })().then((r) => {
      if (E.isLeft(r)) throw new LedgerFailure(r.left);
      return r.right;
    });
    const made: Entry = { covered: undefined, at: now.getTime(), report };
    report.then((r) => { made.covered = r.digest === undefined || r.digest.treeSize === 0 ? '' : r.digest.lastPosition; }, () => { if (entry === made) entry = undefined; });
    return made;
  };

  const report = async (): Promise<VerifyReport> => {
    const current = entry;
    if (current !== undefined && clock().getTime() - current.at < maxAgeMs) {
      if (current.covered === undefined) return current.report; // in progress: share it
      if (!(await grown(current.covered))) return current.report;
      if (entry !== current) return report(); // another request started a newer one meanwhile
    }
    entry = verify();
    return entry.report;
  };

  return {
    report,
    status: async () => trailStatus(await report()),
    get verifications() { return verifications; },
  };
};
