import { randomBytes } from 'node:crypto';
import type { ApiContext } from '../context.js';

/** Engine seconds a report takes to prepare (`stats/result` answers 204 until then, reference §3.1). */
export const STATS_PREPARE_SEC = 2;
/** Engine seconds a prepared report stays available ("at least 1 minute", reference §3.1). */
export const STATS_KEEP_SEC = 600;
const MAX_JOBS = 1000;
const NOTIFY_POLL_MS = 200;

/** A report being prepared or ready. `build` runs once, when the report becomes ready. */
export interface StatsJob<T> {
  key: string;
  kind: 'basic' | 'calls';
  createdAt: number;
  readyAt: number;
  requestId?: string;
  build: () => T;
  result?: T;
  notified: boolean;
}

/**
 * The `stats/*` jobs: an opaque key per request, readiness on the engine clock, a
 * `result/stats` notification when a basic report is ready, expiry after `STATS_KEEP_SEC`.
 */
export class StatsJobs {
  private readonly jobs = new Map<string, StatsJob<unknown>>();
  private timer: NodeJS.Timeout | undefined;

  /** Starts a job and answers its key. */
  start<T>(ctx: ApiContext, kind: 'basic' | 'calls', build: () => T, requestId?: string): string {
    const now = ctx.engine.now();
    this.prune(now);
    const key = randomBytes(18).toString('base64');
    const job: StatsJob<unknown> = {
      key,
      kind,
      createdAt: now,
      readyAt: now + STATS_PREPARE_SEC,
      build,
      notified: false,
    };
    if (requestId !== undefined) job.requestId = requestId;
    this.jobs.set(key, job);
    if (kind === 'basic') this.watch(ctx);
    return key;
  }

  /** The job behind a key (undefined when unknown or expired). */
  get(key: string, kind: 'basic' | 'calls', now: number): StatsJob<unknown> | undefined {
    const job = this.jobs.get(key);
    if (!job || job.kind !== kind || now >= job.readyAt + STATS_KEEP_SEC) return undefined;
    return job;
  }

  /** The job's data once ready (built on first use), else undefined. */
  ready<T>(job: StatsJob<unknown>, now: number): T | undefined {
    if (now < job.readyAt) return undefined;
    if (job.result === undefined) job.result = job.build();
    return job.result as T;
  }

  private prune(now: number): void {
    for (const [key, job] of this.jobs) {
      if (now >= job.readyAt + STATS_KEEP_SEC || this.jobs.size >= MAX_JOBS) this.jobs.delete(key);
    }
  }

  /** Polls the engine clock (which tests may step) and notifies each basic report once it is ready. */
  private watch(ctx: ApiContext): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const now = ctx.engine.now();
      let pending = 0;
      for (const job of this.jobs.values()) {
        if (job.kind !== 'basic' || job.notified) continue;
        if (now < job.readyAt) {
          pending++;
          continue;
        }
        job.notified = true;
        this.ready(job, now);
        try {
          // Written `result/stat` in DOC-2026; the brief and the 2017 text use `result/stats` (reference §3.1).
          ctx.engine.notify('result/stats', { key: job.key, request_id: job.requestId ?? '' });
        } catch {
          // A failing webhook never breaks the API.
        }
      }
      if (pending === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    }, NOTIFY_POLL_MS);
    this.timer.unref();
  }
}
