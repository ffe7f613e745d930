import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NotificationRecord } from '../traffic/format.js';
import type { NumberMasker } from '../traffic/mask.js';
import { recordBody, recordHeaders, redactForm } from '../traffic/redact.js';
import type { TrafficWriter } from '../traffic/writer.js';

/** Binary bodies up to this size are kept as base64 in a recording. */
export const DEFAULT_BASE64_LIMIT = 64 * 1024;

/** What one request in flight has gathered for its record. */
interface Pending {
  record: NotificationRecord;
  written: boolean;
}

/**
 * Records every notification `mangokit listen` receives, as received: arrival time, path, method,
 * target, headers and the raw body (its `sign` redacted, numbers masked when asked), with the
 * answer given. An accepted notification is written in the acceptance step, before the sender is
 * answered, so a failed write answers 503 and the PBX sends it again; a refused one is written
 * once its answer is sent.
 */
export class NotificationRecorder {
  private readonly context = new AsyncLocalStorage<Pending>();

  constructor(
    private readonly writer: TrafficWriter,
    private readonly masker: NumberMasker | undefined,
    /** Told of a record that could not be written after the answer was sent. */
    private readonly onWriteError: (err: Error) => void,
    private readonly base64Limit = DEFAULT_BASE64_LIMIT,
  ) {}

  /**
   * Reads the request's body (at most `limit + 1` bytes: a larger one is refused by the receiver
   * as too large), hands it to `run` as `req.body`, and runs `run` in this request's context.
   */
  capture(req: IncomingMessage, res: ServerResponse, path: string, limit: number, run: () => void): void {
    const at = new Date().toISOString();
    const target = req.url ?? '/';
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      const raw = Buffer.concat(chunks);
      const contentType = req.headers['content-type'];
      const redacted = redactForm(raw, contentType, this.masker);
      const record: NotificationRecord = {
        type: 'notification',
        at,
        path,
        status: 0,
        method: req.method ?? 'GET',
        url: target,
        headers: recordHeaders(req.headers),
        body: recordBody(redacted.body, contentType, this.base64Limit),
        ...(redacted.form ? { form: redacted.form } : {}),
      };
      const pending: Pending = { record, written: false };
      res.once('finish', () => {
        if (pending.written) return;
        record.status = res.statusCode;
        this.writer.write(record).catch((err: Error) => this.onWriteError(err));
      });
      // The SDK's Node adapter takes a body already read (as after a body parser) from `req.body`.
      (req as IncomingMessage & { body?: Buffer }).body = raw;
      this.context.run(pending, run);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) {
        // Enough to know it is too large: stop reading, the receiver answers 413 and closes.
        req.pause();
        finish();
      }
    };
    req.on('data', onData);
    req.once('end', finish);
    req.once('error', () => {
      done = true;
    });
  }

  /** The acceptance step: writes the current notification's record as answered 200. */
  async accepted(verified: boolean): Promise<void> {
    const pending = this.context.getStore();
    if (!pending) return;
    pending.record.status = 200;
    pending.record.verified = verified;
    pending.written = true;
    await this.writer.write(pending.record);
  }

  /** Notes why the current request is refused (written with the record once answered). */
  refused(reason: string): void {
    const pending = this.context.getStore();
    if (pending) pending.record.reason = reason;
  }
}
