import type { MangoEvent } from 'mangokit';

/**
 * Events parsed on arrival, by store id, kept until the projection folds them, so a stored
 * event is not parsed a second time. Bounded: when the projection lags (or after a restart)
 * the oldest are dropped and the projection parses the stored json instead.
 */
export class ParsedEvents {
  private readonly events = new Map<number, MangoEvent>();
  /**
   * Ids in the order they were added (some already taken), oldest from `head`: the oldest is
   * found here, since asking the Map for its first key walks every entry deleted before it.
   */
  private order: number[] = [];
  private head = 0;

  constructor(private readonly max = 10_000) {}

  /** Remembers the parsed form of stored event `id`. */
  add(id: number, event: MangoEvent): void {
    this.events.set(id, event);
    this.order.push(id);
    // Ids taken meanwhile stay in `order` until they come up: now and then (every `max` adds
    // at least) it keeps only the ids still held.
    if (this.order.length - this.head > 2 * this.max) {
      this.order = this.order.slice(this.head).filter((held) => this.events.has(held));
      this.head = 0;
    }
    while (this.events.size > this.max) this.events.delete(this.order[this.head++]!);
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
