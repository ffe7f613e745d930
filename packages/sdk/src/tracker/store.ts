import type { TrackedCall } from './types.js';

/**
 * Where a `CallTracker` keeps its calls. Synchronous so that folding one event is atomic;
 * `save` is called after every change with the same object `load` returned (or a new one).
 */
export interface CallStore {
  /** The call with this `entry_id`, if kept. */
  load(entryId: string): TrackedCall | undefined;
  /** Stores the call after a change. */
  save(call: TrackedCall): void;
  /** Forgets a call. */
  delete(entryId: string): void;
  /** Number of calls kept. */
  readonly size: number;
}

/** Options of `MemoryCallStore`. */
export interface MemoryCallStoreOptions {
  /** How long a finished call stays readable after its summary (default 5 minutes). */
  finishedTtlMs?: number;
  /** How long a call without any new event is kept, e.g. when its summary was lost (default 6 hours). */
  idleTtlMs?: number;
  /** Hard cap on calls kept; the oldest calls go first (default 1,000,000). */
  maxCalls?: number;
  /** Clock in milliseconds, for tests (default `Date.now`). */
  now?: () => number;
}

interface Slot {
  call: TrackedCall;
  /** Last save, in `now()` milliseconds. */
  touched: number;
  /** When the call finished, in `now()` milliseconds. */
  finishedAt?: number;
}

/**
 * An in-memory `CallStore` whose memory stays bounded: finished calls are evicted
 * `finishedTtlMs` after their summary, idle ones after `idleTtlMs`, and never more than
 * `maxCalls` are kept (oldest first). Eviction runs inside `save` — a FIFO of finished calls
 * checked every time, a full idle scan at most every `idleTtlMs / 8` — so there is no timer to
 * close.
 */
export class MemoryCallStore implements CallStore {
  private readonly slots = new Map<string, Slot>();
  private readonly finishedQueue: { entryId: string; at: number }[] = [];
  private finishedHead = 0;
  private lastIdleScan: number | undefined;
  private readonly finishedTtlMs: number;
  private readonly idleTtlMs: number;
  private readonly maxCalls: number;
  private readonly now: () => number;

  constructor(options: MemoryCallStoreOptions = {}) {
    this.finishedTtlMs = options.finishedTtlMs ?? 5 * 60_000;
    this.idleTtlMs = options.idleTtlMs ?? 6 * 3_600_000;
    this.maxCalls = options.maxCalls ?? 1_000_000;
    this.now = options.now ?? Date.now;
  }

  /** Number of calls kept. */
  get size(): number {
    return this.slots.size;
  }

  /** The call with this `entry_id`, if still kept. */
  load(entryId: string): TrackedCall | undefined {
    return this.slots.get(entryId)?.call;
  }

  /** Stores the call and evicts what has expired. */
  save(call: TrackedCall): void {
    const now = this.now();
    const slot = this.slots.get(call.entry_id);
    let finishedAt = slot?.finishedAt;
    if (call.finished && finishedAt === undefined) {
      finishedAt = now;
      this.finishedQueue.push({ entryId: call.entry_id, at: now });
    }
    if (slot === undefined) {
      this.slots.set(call.entry_id, { call, touched: now, finishedAt });
    } else {
      // Updated in place: re-inserting into the Map would leave holes that slow iteration.
      slot.call = call;
      slot.touched = now;
      slot.finishedAt = finishedAt;
    }
    this.evict(now);
  }

  /** Forgets a call. */
  delete(entryId: string): void {
    this.slots.delete(entryId);
  }

  /** Evicts expired calls now (also done on every save). */
  sweep(): void {
    this.evict(this.now(), true);
  }

  private evict(now: number, force = false): void {
    const queue = this.finishedQueue;
    while (this.finishedHead < queue.length) {
      const head = queue[this.finishedHead]!;
      if (now - head.at < this.finishedTtlMs) break;
      this.finishedHead++;
      const slot = this.slots.get(head.entryId);
      if (slot !== undefined && slot.finishedAt === head.at) this.slots.delete(head.entryId);
    }
    if (this.finishedHead > 1024 && this.finishedHead * 2 > queue.length) {
      queue.splice(0, this.finishedHead);
      this.finishedHead = 0;
    }
    if (this.slots.size > this.maxCalls) {
      // Map iteration follows insertion order: the oldest calls go first.
      for (const entryId of this.slots.keys()) {
        this.slots.delete(entryId);
        if (this.slots.size <= this.maxCalls) break;
      }
    }
    if (this.lastIdleScan === undefined) this.lastIdleScan = now;
    if (force || now - this.lastIdleScan >= this.idleTtlMs / 8) {
      this.lastIdleScan = now;
      for (const [entryId, slot] of this.slots) {
        if (now - slot.touched >= this.idleTtlMs) this.slots.delete(entryId);
      }
    }
  }
}
