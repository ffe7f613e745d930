import type { Billing } from './billing.js';
import type { EngineClock, IdSource } from './clock.js';
import type { Dialing } from './dialing.js';
import type { Directory } from './directory.js';
import type { IvrPort } from './ivr.js';
import type { Legs } from './legs.js';
import type { Notifier } from './notifier.js';
import type { Presence } from './presence.js';
import type { Recordings } from './recorder.js';

export type { Billing } from './billing.js';
export type { EngineClock, IdSource } from './clock.js';
export type { Dialing } from './dialing.js';
export type { Directory } from './directory.js';
export type { IvrPort } from './ivr.js';
export type {
  CallInit,
  ConnectOptions,
  DisconnectOptions,
  HoldOptions,
  LegInit,
  Legs,
  LegSide,
} from './legs.js';
export type { Notifier } from './notifier.js';
export type { Presence } from './presence.js';
export type { Recordings } from './recorder.js';

/**
 * Every port of the engine. Each part of the engine takes the few it needs
 * (`Pick<EnginePorts, 'clock' | 'legs'>`); the engine composes them.
 */
export interface EnginePorts {
  readonly clock: EngineClock;
  readonly ids: IdSource;
  readonly directory: Directory;
  readonly presence: Presence;
  readonly legs: Legs;
  readonly notifier: Notifier;
  readonly billing: Billing;
  readonly recorder: Recordings;
  readonly dialer: Dialing;
  readonly ivr: IvrPort;
  /** Delivery reasons of the next SMS reports (reference §4.4); empty = 1000. */
  readonly smsReasons: number[];
}
