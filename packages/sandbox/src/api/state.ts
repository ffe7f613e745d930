import { RecordingAudio } from '../media/recordingAudio.js';
import { FileTokens } from './recordings/fileTokens.js';
import { Lockout } from './http/lockout.js';
import { RateLimiter } from './http/rateLimits.js';
import { StatsJobs } from './stats/jobs.js';

/** The API surface's own memory: lock-out, limits, stats jobs, one-time file links. */
export class ApiState {
  readonly lockout = new Lockout();
  readonly limiter = new RateLimiter();
  readonly statsJobs = new StatsJobs();
  readonly files = new FileTokens();
  readonly audio = new RecordingAudio();
  /** Scheme chosen per trunk number by `schema/set` (the office model keeps schemes on lines only). */
  readonly trunkSchemas = new Map<number, number>();
}
