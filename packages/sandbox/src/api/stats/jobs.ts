import { randomBytes } from 'node:crypto';
import type { ApiContext } from '../context.js';
import { DEFAULT_STATS_TIMING, preparationSec } from './timing.js';

/** Engine seconds a prepared report stays available ("at least 1 minute", reference §3.1). */
export const STATS_KEEP_SEC = 600;
const MAX_JOBS = 1000;
const NOTIFY_POLL_MS = 200;
/** Where the stats-ready notification goes (reference §9 item 5). */
export const STATS_READY_PATH = 'result/stat';

/** A report being prepared or ready: built when requested (history as it stood then), served once ready. */
export interface StatsJob<T> {
  key: string;
  kind: 'basic' | 'calls';
  createdAt: number;
  readyAt: number;
  requestId?: string;
  result: T;
  /** A job that fails when it runs (`stats/calls` answers `status: "error"` with this code). */
  failure?: number;
  notified: boolean;
}

/** What a finished report is: its data and how many rows it has (its size sets the preparation time). */
export interface StatsReport<T> {
  data: T;
  rows: number;
  /** The job fails with this code instead of producing `data` (reference §3.2: 5004). */
  failure?: number;
}

/**
 * The `stats/*` jobs: an opaque key per request, readiness on the engine clock by report size, a
 * `result/stat` notification when a basic report is ready, expiry after `STATS_KEEP_SEC`.
 */
export class StatsJobs {
  private readonly jobs = new Map<string, StatsJob<unknown>>();
  private timer: NodeJS.Timeout | undefined;

  /** Starts a job and answers its key. */
  start<T>(ctx: ApiContext, kind: 'basic' | 'calls', report: StatsReport<T>, requestId?: string): string {
    const now = ctx.engine.now();
    this.prune(now);
    const key = randomBytes(18).toString('base64');
    const timing = { ...DEFAULT_STATS_TIMING, ...ctx.options.statsTiming };
    const job: StatsJob<unknown> = {
      key,
      kind,
      createdAt: now,
      readyAt: now + preparationSec(report.rows, timing),
      result: report.data,
      notified: false,
    };
    if (report.failure !== undefined) job.failure = report.failure;
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

  /** The job's data once ready, else undefined. */
  ready<T>(job: StatsJob<unknown>, now: number): T | undefined {
    return now < job.readyAt ? undefined : (job.result as T);
  }

  private prune(now: number): void {
    for (const [key, job] of this.jobs) {
      if (now >= job.readyAt + STATS_KEEP_SEC || this.jobs.size >= MAX_JOBS) this.jobs.delete(key);
    }
  }

  /** Polls the engine clock (which tests may step) and notifies each basic report once it is ready. */
  private watch(ctx: ApiContext): void {
    if (this.timer) return;
    const tick = () => {
      const now = ctx.engine.now();
      let pending = 0;
      for (const job of this.jobs.values()) {
        if (job.kind !== 'basic' || job.notified) continue;
        if (now < job.readyAt) {
          pending++;
          continue;
        }
        job.notified = true;
        try {
          // `result/stat` as DOC-2026 writes it and as mango-vpbx, written against production, listens
          // for (it even rewrites a `stats` filter to `stat`); the 2017 text said `result/stats`
          // (reference §3.1, §9 item 5). Receivers should accept both; the SDK does.
          ctx.engine.notify(STATS_READY_PATH, { key: job.key, request_id: job.requestId ?? '' });
        } catch {
          // A failing webhook never breaks the API.
        }
      }
      if (pending === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
    this.timer = setInterval(tick, NOTIFY_POLL_MS);
    this.timer.unref();
  }
}
