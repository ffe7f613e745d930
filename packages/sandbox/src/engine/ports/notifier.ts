import type { CallRecord } from '../contract.js';
import type { Leg } from '../model.js';

/** Where the engine's output goes: signed notifications to the integrator, views to observers. */
export interface Notifier {
  /** Emits a signed notification (`events/*`, `result/*`) to the integrator. */
  notify(path: string, payload: unknown): void;
  /** A leg changed (state, parties): observers (the console) get its live view. */
  legChanged(leg: Leg): void;
  /** A call finished: observers get its record. */
  callFinished(record: CallRecord): void;
}
