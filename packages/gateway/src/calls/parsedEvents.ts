import type { MangoEvent } from 'mangokit';

/**
 * Events parsed on arrival, by store id, kept until the projection folds them, so a stored
 * event is not parsed a second time. Bounded: when the projection lags (or after a restart)
 * the oldest are dropped and the projection parses the stored json instead.
 */
export class ParsedEvents {
  private readonly events = new Map<number, MangoEvent>();

  constructor(private readonly max = 10_000) {}

  /** Remembers the parsed form of stored event `id`. */
  add(id: number, event: MangoEvent): void {
    this.events.set(id, event);
    if (this.events.size > this.max) {
      const oldest = this.events.keys().next().value;
      if (oldest !== undefined) this.events.delete(oldest);
    }
  }

  /** Hands out (and forgets) the parsed form of event `id`, if still held. */
  take(id: number): MangoEvent | undefined {
    const e = this.events.get(id);
    if (e !== undefined) this.events.delete(id);
    return e;
  }

  /** Events held. */
  get size(): number {
    return this.events.size;
  }
}
