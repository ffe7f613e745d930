import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TRAFFIC_FORMAT, TRAFFIC_VERSION, type TrafficHeader, type TrafficRecord } from './format.js';

/** Options of `openTrafficWriter`. */
export interface TrafficWriterOptions {
  /** `listen`, `proxy`, … */
  recorder: string;
  maskedNumbers: boolean;
  upstream?: string;
}

/**
 * Appends records to a traffic file, one JSON line each, in the order `write` is called, after a
 * header line for this recording session. A file that exists is appended to (a restarted
 * recorder loses nothing). A write that fails makes `failed` hold the error and every later
 * `write` throw it, so a recorder stops instead of silently recording nothing.
 */
export class TrafficWriter {
  failed: Error | undefined;
  private readonly stream: WriteStream;
  written = 0;

  private constructor(
    readonly path: string,
    stream: WriteStream,
  ) {
    this.stream = stream;
    stream.on('error', (err) => {
      this.failed ??= err;
    });
  }

  /** Opens `path` for appending and writes the session's header line. */
  static async open(path: string, options: TrafficWriterOptions): Promise<TrafficWriter> {
    // A directory or an unwritable place fails here, before anything is received.
    const existing = await stat(path).catch(() => undefined);
    if (existing?.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
    const stream = createWriteStream(path, { flags: 'a' });
    await Promise.race([
      once(stream, 'open'),
      once(stream, 'error').then(([err]) => {
        throw err;
      }),
    ]);
    const writer = new TrafficWriter(path, stream);
    const header: TrafficHeader = {
      type: 'header',
      format: TRAFFIC_FORMAT,
      version: TRAFFIC_VERSION,
      recorder: options.recorder,
      started_at: new Date().toISOString(),
      masked_numbers: options.maskedNumbers,
      ...(options.upstream !== undefined ? { upstream: options.upstream } : {}),
    };
    await writer.line(header);
    return writer;
  }

  /**
   * Appends one record; resolves once the line is handed to the operating system, rejects if this
   * or an earlier write failed (a full disk, a removed mount).
   */
  write(record: TrafficRecord): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    this.written++;
    return this.line(record);
  }

  private line(record: TrafficRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.write(`${JSON.stringify(record)}\n`, (err) => {
        if (err) {
          this.failed ??= err;
          reject(err);
        } else resolve();
      });
    });
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    if (this.stream.closed) return;
    await new Promise<void>((resolve) => this.stream.end(() => resolve()));
    if (this.failed) throw this.failed;
  }
}
