import { MangoValidationError } from '../core/errors.js';
import type { MangoEvent } from '../events/types.js';
import { foldCallEvent, foldRecordAdded, foldRecording, foldSummary, newCall } from './fold.js';
import { type CallStore, MemoryCallStore } from './store.js';
import type {
  CallMoment,
  CallTrackerEventName,
  CallTrackerEvents,
  TrackedCall,
  TrackedLeg,
  TrackedRecording,
} from './types.js';

/** Options of `CallTracker`. */
export interface CallTrackerOptions {
  /** Where calls are kept (default: a `MemoryCallStore`). */
  store?: CallStore;
  /** For the default store: how long a finished call stays readable (default 5 minutes). */
  finishedTtlMs?: number;
}

type Listener<K extends CallTrackerEventName> = (data: CallTrackerEvents[K]) => void;
type ListenerTable = { [K in CallTrackerEventName]?: Listener<K>[] };

const MOMENT_NAMES: ReadonlySet<string> = new Set<CallTrackerEventName>([
  'ringing',
  'answered',
  'held',
  'resumed',
  'transferred',
  'intercepted',
  'rerouted',
  'missed',
  'completed',
  'recordingReady',
]);

/**
 * Folds notifications into calls (`entry_id`) and legs (`call_id`) and emits the moments an
 * integration acts on: ringing (card pop), answered, held/resumed, transferred, intercepted,
 * re-routed, missed, completed (with durations and outcome) and recording ready. Orders each
 * leg by `seq`, drops duplicates and tolerates out-of-order delivery (reference §1.5).
 */
export class CallTracker {
  /** The store the calls live in. */
  readonly store: CallStore;
  private readonly listeners: ListenerTable = {};
  private readonly errorListeners: ((error: unknown, moment: CallTrackerEventName) => void)[] = [];

  constructor(options: CallTrackerOptions = {}) {
    this.store = options.store ?? new MemoryCallStore({ finishedTtlMs: options.finishedTtlMs });
  }

  /** Subscribes to a moment; returns a function that unsubscribes. */
  on<K extends CallTrackerEventName>(name: K, listener: Listener<K>): () => void {
    if (!MOMENT_NAMES.has(name))
      throw new MangoValidationError(`CallTracker has no moment named "${String(name)}"`);
    let list = this.listeners[name] as Listener<K>[] | undefined;
    if (list === undefined) {
      list = [];
      (this.listeners as Record<string, unknown>)[name] = list;
    }
    list.push(listener);
    return () => {
      const index = list.indexOf(listener);
      if (index >= 0) list.splice(index, 1);
    };
  }

  /** Receives errors thrown by moment listeners (without one, they are rethrown from `apply`). */
  onError(listener: (error: unknown, moment: CallTrackerEventName) => void): () => void {
    this.errorListeners.push(listener);
    return () => {
      const index = this.errorListeners.indexOf(listener);
      if (index >= 0) this.errorListeners.splice(index, 1);
    };
  }

  /** The call with this `entry_id`, if the store still keeps it. */
  get(entryId: string): TrackedCall | undefined {
    return this.store.load(entryId);
  }

  /**
   * Folds one event in and emits the moments it produced; returns them too. Events that carry
   * no call (SMS, command results, …) and duplicate deliveries produce none.
   */
  apply(event: MangoEvent): CallMoment[] {
    let entryId: string;
    switch (event.type) {
      case 'call':
      case 'summary':
      case 'recording':
      case 'record.added':
        entryId = event.payload.entry_id;
        break;
      default:
        return [];
    }
    const call = this.store.load(entryId) ?? newCall(entryId);
    // Records written by 0.1 pre-releases kept legs and recordings keyed by id.
    if (!Array.isArray(call.legs)) call.legs = Object.values(call.legs as Record<string, TrackedLeg>);
    if (!Array.isArray(call.recordings)) {
      call.recordings = Object.values(call.recordings as Record<string, TrackedRecording>);
    }
    let moments: CallMoment[] | undefined;
    switch (event.type) {
      case 'call':
        moments = foldCallEvent(call, event.payload);
        break;
      case 'summary':
        moments = foldSummary(call, event.payload);
        break;
      case 'recording':
        moments = foldRecording(call, event.payload);
        break;
      default:
        moments = foldRecordAdded(call, event.payload);
    }
    if (moments === undefined) return [];
    this.store.save(call);
    this.emit(moments);
    return moments;
  }

  private emit(moments: CallMoment[]): void {
    let firstError: { error: unknown } | undefined;
    for (const moment of moments) {
      const list = this.listeners[moment.name] as Listener<typeof moment.name>[] | undefined;
      if (list === undefined) continue;
      for (const listener of [...list]) {
        try {
          (listener as (data: CallMoment['data']) => void)(moment.data);
        } catch (error) {
          if (this.errorListeners.length === 0) firstError ??= { error };
          for (const onError of this.errorListeners) onError(error, moment.name);
        }
      }
    }
    if (firstError !== undefined) throw firstError.error;
  }
}
