import type { IncomingMessage } from 'node:http';

/** Thrown when a request body exceeds the size limit (answered with HTTP 413, reference §1.3). */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/** Bytes past the limit still read (and dropped) so the client gets its 413; beyond, the socket is cut. */
const DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Reads the whole request body, keeping at most `limit` bytes. A bigger body is read to its end
 * and discarded before `BodyTooLargeError` is thrown, so the client, still sending, receives the
 * 413 instead of a reset connection.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  let tooLarge = Number.isFinite(declared) && declared > limit;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (tooLarge) {
      // Leaving the loop destroys the request: no endless upload into the void.
      if (size > limit + DRAIN_BYTES) break;
      continue;
    }
    if (size > limit) {
      tooLarge = true;
      chunks.length = 0;
      continue;
    }
    chunks.push(chunk);
  }
  if (tooLarge) throw new BodyTooLargeError('request body too large');
  return Buffer.concat(chunks);
}
