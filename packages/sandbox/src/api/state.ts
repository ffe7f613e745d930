import type { Office } from '../office/types.js';
import { RecordingAudio } from '../media/recordingAudio.js';
import { FileTokens } from './recordings/fileTokens.js';
import { RecognitionTasks } from './recordings/recognitionTasks.js';
import { Lockout } from './http/lockout.js';
import { RateLimiter } from './http/rateLimits.js';
import { StatsJobs } from './stats/jobs.js';

/** The API surface's own memory: lock-out, limits, stats jobs, one-time file links. */
export class ApiState {
  /** @param lockout the lock-out, shared when the sandbox shows it on its control API. */
  constructor(readonly lockout: Lockout = new Lockout()) {}
  readonly limiter = new RateLimiter();
  readonly statsJobs = new StatsJobs();
  readonly files = new FileTokens();
  readonly audio = new RecordingAudio();
  readonly recognition = new RecognitionTasks();
  private readonly trunkSchemasByOffice = new WeakMap<Office, Map<number, number>>();

  /** Scheme chosen per trunk number by `schema/set`, per office (the office model keeps schemes on lines only). */
  trunkSchemas(office: Office): Map<number, number> {
    let map = this.trunkSchemasByOffice.get(office);
    if (!map) {
      map = new Map();
      this.trunkSchemasByOffice.set(office, map);
    }
    return map;
  }
}
