/**
 * Fault hooks of the test server: answer UNAVAILABLE (before or after doing the work), delay
 * replies, and cut subscriptions after a number of events.
 */

/** The RPCs a fault can target. */
export type EsdbMethod = 'read' | 'subscribe' | 'append' | 'batchAppend' | 'delete' | 'tombstone' | 'features' | 'gossip';

/** When a planned failure strikes: before the work (nothing done) or after it (the reply is lost). */
export type FailWhen = 'before' | 'after';

/** Mutable fault settings, read by every handler. */
export class Faults {
  /** While true, every call is answered UNAVAILABLE ("server is not ready"). */
  unavailable = false;
  /** Milliseconds to wait before handling any call. */
  delayMs = 0;
  /** When set, a subscription call is dropped (UNAVAILABLE) after sending this many events. */
  subscriptionEventLimit: number | undefined = undefined;
  private readonly plans = new Map<EsdbMethod, FailWhen[]>();

  /** The next `times` calls of `method` fail with UNAVAILABLE, `before` or `after` doing their work. */
  failNext(method: EsdbMethod, when: FailWhen = 'before', times = 1): void {
    const plan = this.plans.get(method) ?? [];
    for (let i = 0; i < times; i++) plan.push(when);
    this.plans.set(method, plan);
  }

  /** Takes the planned failure of the next call of `method`, if any. */
  take(method: EsdbMethod): FailWhen | undefined {
    return this.plans.get(method)?.shift();
  }

  /** Clears every fault. */
  reset(): void {
    this.unavailable = false;
    this.delayMs = 0;
    this.subscriptionEventLimit = undefined;
    this.plans.clear();
  }
}

/** Resolves after `ms` milliseconds (immediately for 0). */
export const sleep = (ms: number): Promise<void> => (ms <= 0 ? Promise.resolve() : new Promise((r) => setTimeout(r, ms)));
