import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MangoClient } from 'mangokit';
import type { GatewayLogger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { GatewayStore } from '../store/types.js';
import { type Signal, WorkLoop } from '../work/signal.js';

/** Downloads one recording into `filePath` (the default uses `MangoClient.recordings.save`). */
export type RecordingSaver = (recordingId: string, filePath: string) => Promise<void>;

/** Options of the recording archive. */
export interface ArchiveOptions {
  /** Directory the files go to, as `<dir>/<entry_id>/<recording_id>.mp3`. */
  dir: string;
  /** API base URL for downloads (default the SDK's; point it at the sandbox in tests). */
  baseUrl?: string;
  /** Attempts before a recording is marked `failed` (default 8). */
  maxAttempts?: number;
  /** First retry delay (default 30 s: storage lags behind the event, reference §3.3.1). */
  backoffMs?: number;
  /** Longest retry delay (default 30 minutes). */
  maxBackoffMs?: number;
  /** Replaces the SDK download (tests, custom storage). */
  save?: RecordingSaver;
}

/** A file-system-safe name for an opaque vendor id (ids are base64-like and may hold `/`, `+`). */
export function safeName(id: string): string {
  const clean = id.replace(/[^A-Za-z0-9._=-]/g, '_').slice(0, 100);
  return clean === id ? id : `${clean}-${createHash('sha256').update(id).digest('hex').slice(0, 10)}`;
}

/**
 * Archives ready recordings: claims one job at a time (`SKIP LOCKED` on PostgreSQL, so instances
 * share the work), downloads it with retries and backoff, and links the file to its call.
 */
export function startArchiver(
  store: GatewayStore,
  options: ArchiveOptions,
  credentials: { apiKey: string; apiSalt: string },
  owner: string,
  signal: Signal,
  logger: GatewayLogger,
  metrics: Metrics,
): WorkLoop {
  let save = options.save;
  if (!save) {
    const client = new MangoClient({
      ...credentials,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    });
    save = async (id, file) => {
      // A retry continues a download that was cut off (`Range`) instead of starting over.
      await client.recordings.save(id, file, { resume: true });
    };
  }
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoffMs ?? 30_000;
  const maxBackoff = options.maxBackoffMs ?? 1_800_000;
  const loop = new WorkLoop(
    async () => {
      const job = await store.claimArchiveJob(owner, 10 * 60_000);
      if (!job) return false;
      const dir = join(options.dir, safeName(job.entryId ?? 'unknown'));
      const file = join(dir, `${safeName(job.recordingId)}.mp3`);
      try {
        await mkdir(dir, { recursive: true });
        await save(job.recordingId, file);
        await store.completeArchiveJob(job.recordingId, file);
        metrics.inc('mangokit_gateway_archive_total', { result: 'ok' });
        logger.info('recording archived', { recording_id: job.recordingId, entry_id: job.entryId, file });
      } catch (err) {
        const delay = Math.min(maxBackoff, backoff * 2 ** job.attempts);
        await store.failArchiveJob(
          job.recordingId,
          Date.now() + delay,
          maxAttempts,
          String((err as Error)?.message ?? err),
        );
        metrics.inc('mangokit_gateway_archive_total', { result: 'failed' });
        logger.warn('recording download failed', {
          recording_id: job.recordingId,
          attempt: job.attempts + 1,
          error: err,
        });
      }
      return true;
    },
    signal,
    1_000,
    (err) => logger.error('archive step failed', { error: err }),
  );
  loop.start();
  return loop;
}
