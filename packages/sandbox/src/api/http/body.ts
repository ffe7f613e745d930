import type { IncomingMessage } from 'node:http';
import { readRequestBody } from 'mangokit/protocol';

/** Thrown when a request body exceeds the size limit (answered with HTTP 413, reference §1.3). */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * Reads the whole request body, up to `limit` bytes. Past the limit (declared or while reading)
 * it stops reading at once — the request is paused, never drained — and throws
 * `BodyTooLargeError`; answer it with `closeIfUnread()` headers so the socket is dropped once
 * the 413 is flushed instead of taking in the rest of the body.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError('request body too large');
  const body = await readRequestBody(req, limit);
  if (body === undefined) throw new BodyTooLargeError('request body too large');
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * The answer's headers, with `Connection: close` when the request body was not read to its end
 * (a 413, or an answer given before reading): node then closes the socket after the answer is
 * flushed, instead of reading the rest of the body to find the next request on it.
 */
export function closeIfUnread<H extends Record<string, string | number>>(
  req: IncomingMessage,
  headers: H,
): H {
  return req.complete ? headers : { ...headers, connection: 'close' };
}
