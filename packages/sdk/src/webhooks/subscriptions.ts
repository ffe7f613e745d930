import { MangoValidationError } from '../core/errors.js';
import { EVENT_NAMES } from '../events/names.js';
import type { MangoEvent, MangoEventMap, MangoEventName } from '../events/types.js';

/** A subscriber to one name; may be async. */
export type EventListener<E> = (event: E) => unknown;
/** Receives what a subscriber threw, with the event it was handling. */
export type ErrorListener = (error: unknown, event: MangoEvent) => unknown;

/** The outcome of dispatching one event: whether a subscriber failed, and the first error. */
export type Dispatch = { failed: false } | { failed: true; error: unknown };

interface Run {
  pending: Promise<unknown>[] | undefined;
  failure: Dispatch | undefined;
}

const VALID_NAMES: ReadonlySet<string> = new Set(EVENT_NAMES);

/**
 * Typed subscriptions (`on`, `onAny`, `onError`). Delivery order for one event: its own name
 * (`call.appeared`), its type (`call`), then `onAny`. A subscriber's error goes to `onError`
 * and never stops the others; without an `onError` it is written to `console.error`.
 */
export class Subscriptions {
  private readonly byName = new Map<string, EventListener<MangoEvent>[]>();
  private readonly any: EventListener<MangoEvent>[] = [];
  private readonly errors: ErrorListener[] = [];
  /** Number of event subscribers; zero lets the receiver skip dispatch entirely. */
  count = 0;

  on<N extends MangoEventName>(name: N, listener: EventListener<MangoEventMap[N]>): void {
    if (!VALID_NAMES.has(name)) {
      throw new MangoValidationError(`unknown notification name "${String(name)}"; see EVENT_NAMES`);
    }
    let list = this.byName.get(name);
    if (list === undefined) {
      list = [];
      this.byName.set(name, list);
    }
    list.push(listener as EventListener<MangoEvent>);
    this.count++;
  }

  onAny(listener: EventListener<MangoEvent>): void {
    this.any.push(listener);
    this.count++;
  }

  onError(listener: ErrorListener): void {
    this.errors.push(listener);
  }

  /**
   * Runs every subscriber of the event. Returns `undefined` when all ran synchronously without
   * failing, otherwise a `Dispatch` (a promise when some were async) telling whether any failed.
   * Never throws or rejects: failures also go to `onError`.
   */
  dispatch(event: MangoEvent): Dispatch | Promise<Dispatch> | undefined {
    const run: Run = { pending: undefined, failure: undefined };
    const named = this.byName.get(event.name);
    if (named) this.runAll(named, event, run);
    if (event.type !== event.name) {
      const typed = this.byName.get(event.type);
      if (typed) this.runAll(typed, event, run);
    }
    if (this.any.length > 0) this.runAll(this.any, event, run);
    if (run.pending === undefined) return run.failure;
    return Promise.all(run.pending).then(() => run.failure ?? { failed: false });
  }

  /** Runs `listeners` in order, collecting async ones and the first failure into `run`. */
  private runAll(listeners: EventListener<MangoEvent>[], event: MangoEvent, run: Run): void {
    for (const listener of listeners) {
      try {
        const result = listener(event);
        if (result instanceof Promise) {
          if (run.pending === undefined) run.pending = [];
          run.pending.push(
            result.catch((error: unknown) => {
              run.failure ??= { failed: true, error };
              this.fail(error, event);
            }),
          );
        }
      } catch (error) {
        run.failure ??= { failed: true, error };
        this.fail(error, event);
      }
    }
  }

  private fail(error: unknown, event: MangoEvent): void {
    if (this.errors.length === 0) {
      console.error(`mangokit: a webhook subscriber of "${event.name}" failed:`, error);
      return;
    }
    for (const listener of this.errors) {
      try {
        const result = listener(error, event);
        if (result instanceof Promise) result.catch(() => undefined);
      } catch {
        // An error handler that throws has nowhere left to report to.
      }
    }
  }
}
