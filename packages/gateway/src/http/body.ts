import type { IncomingMessage } from 'node:http';
import { readRequestBody } from 'mangokit/protocol';

/** The request body exceeded the configured limit (answered 413 with `Connection: close`). */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * Reads a REST request body up to `limit` bytes; rejects with `BodyTooLargeError` beyond it and
 * stops reading there (the request is paused, not drained): the 413 answer closes the
 * connection instead of taking in the rest. Notifications are read by the SDK's receiver.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    throw new BodyTooLargeError(`body of ${declared} bytes exceeds ${limit}`);
  const body = await readRequestBody(req, limit);
  if (body === undefined) throw new BodyTooLargeError(`body exceeds ${limit} bytes`);
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
