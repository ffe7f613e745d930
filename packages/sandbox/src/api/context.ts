import type { Lockout } from './http/lockout.js';
import type { EngineForApi } from '../engine/contract.js';
import type { CallArchive } from '../office/archive.js';
import type { Office } from '../office/types.js';
import type { StatsTiming } from './stats/timing.js';

/** A fault the control API asked the `/vpbx/` surface to inject into matching requests. */
export interface InjectedFault {
  /** Answer with this HTTP status (and the vendor's body for it) instead of handling. */
  status?: number;
  /** Answer 200 with this result code instead of handling. */
  result?: number;
  /** Delay the answer by this many milliseconds. */
  delayMs?: number;
}

/** Switches of the API surface. */
export interface ApiOptions {
  /** The invalid-request lock-out of reference §1.3 (401 after repeated 3xxx). */
  lockout: boolean;
  /** The per-method rate limits of reference §1.3 (429). */
  rateLimits: boolean;
  /** Largest accepted request body in bytes (bigger → HTTP 413); default 1 MiB. */
  maxBodyBytes?: number;
  /** Largest accepted file upload in bytes (`offline_record/recognize`); default 20 MB. */
  maxUploadBytes?: number;
  /** How long `stats/*` reports take to prepare by size (default: up to 1000 rows at once). */
  statsTiming?: Partial<StatsTiming>;
}

/** One request to the API surface, as the console's request log shows it. */
export interface ApiRequestRecord {
  /** Engine time, Unix seconds. */
  at: number;
  method: string;
  /** The path as requested, e.g. `/vpbx/stats/request/` or `/roles`. */
  path: string;
  /** HTTP status of the answer. */
  status: number;
  /** The result code of a JSON answer, when it has one. */
  result?: number;
  /** Why the request failed (a path that is not a method, a known signing mistake), in English… */
  hint?: string;
  /** …and in Russian. */
  hint_ru?: string;
  /** The path probably meant when this one is not a method. */
  did_you_mean?: string;
  /** Set when `json` was `[]` (PHP's empty array) and was read as `{}`. */
  emptyArrayJson?: true;
}

/** Everything the `/vpbx/`, `/cc/`, `/s2t/` and one-time file handlers need from the sandbox. */
export interface ApiContext {
  /** The invalid-request lock-out, when the sandbox shows it elsewhere (the control API); else the handler's own. */
  lockout?: Lockout;
  /** The live office (a getter: the control API may replace it). */
  office(): Office;
  engine: EngineForApi;
  options: ApiOptions;
  /** Public base URL of this sandbox, e.g. `http://127.0.0.1:5080` (for one-time file links). */
  publicUrl(): string;
  /** Takes the fault to inject for this API path (e.g. `commands/callback`), if any. */
  takeFault(path: string): InjectedFault | undefined;
  /** Calls from before the sandbox started (a preset's), served with the engine's by stats and recordings. */
  archive?(): CallArchive | undefined;
  /** Receives every API request once answered (the console's request log); never sees secrets. */
  log?(record: ApiRequestRecord): void;
}
