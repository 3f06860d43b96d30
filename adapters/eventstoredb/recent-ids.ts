/**
 * Where recently appended event ids went (stream and revision), kept by one store instance.
 * EventStoreDB has no index by event id, so this is how an append notices, within one process, an
 * id reused in another stream or a retry that is no longer at the stream's tail. Bounded: the
 * oldest entries are forgotten first.
 */

/** Where an event id was stored. */
export interface IdPlace {
  readonly streamId: string;
  readonly revision: bigint;
}

/** A bounded map from event id to where it was stored. */
export class RecentIds {
  private readonly places = new Map<string, IdPlace>();

  constructor(private readonly limit = 100_000) {}

  get(eventId: string): IdPlace | undefined {
    return this.places.get(eventId);
  }

  set(eventId: string, place: IdPlace): void {
    if (this.places.has(eventId)) this.places.delete(eventId);
    else if (this.places.size >= this.limit) {
      const oldest = this.places.keys().next().value;
      if (oldest !== undefined) this.places.delete(oldest);
    }
    this.places.set(eventId, place);
  }
}
