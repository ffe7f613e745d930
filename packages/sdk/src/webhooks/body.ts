/**
 * The receiver's body readers: one for web streams (the web-standard handler) and one for
 * `node:http` requests (the Node adapter, hence the gateway and `mangokit listen`). Both stop at
 * `limit` bytes and never keep more than that in memory.
 */

/** The parts of a `node:http` request the Node reader uses. */
export interface NodeBodySource {
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event: 'data'): unknown;
  pause(): unknown;
}

/** Callbacks of `readNodeBody`; exactly one of them is called, once. */
export interface NodeBodyCallbacks {
  /** The whole body, in one buffer. */
  body(body: Uint8Array): void;
  /** The body grew past the limit; reading has stopped (the request is paused). */
  tooLarge(): void;
  /** The request failed while its body was read (the client went away). */
  failed(error: Error): void;
}

/**
 * Reads a `node:http` request body up to `limit` bytes. Past the limit it stops reading at once
 * (pauses the request) instead of draining the rest: the caller answers 413 with
 * `Connection: close`, and the server drops the socket once that answer is flushed.
 */
export function readNodeBody(req: NodeBodySource, limit: number, callbacks: NodeBodyCallbacks): void {
  let first: Uint8Array | undefined;
  let chunks: Uint8Array[] | undefined;
  let size = 0;
  let settled = false;
  req.on('data', (chunk) => {
    size += chunk.byteLength;
    if (size > limit) {
      settled = true;
      req.removeAllListeners('data');
      req.pause();
      first = undefined;
      chunks = undefined;
      callbacks.tooLarge();
      return;
    }
    if (first === undefined) first = chunk;
    else {
      if (chunks === undefined) chunks = [first];
      chunks.push(chunk);
    }
  });
  req.on('end', () => {
    if (settled) return;
    settled = true;
    callbacks.body(chunks ? concat(chunks, size) : (first ?? new Uint8Array(0)));
  });
  req.on('error', (error) => {
    if (settled) return;
    settled = true;
    callbacks.failed(error);
  });
}

/**
 * `readNodeBody` as a promise, for servers that read a request body before answering (the
 * sandbox's API, the gateway's REST API, the CLI's proxy): the whole body, or `undefined` when it
 * grew past `limit` (reading stopped, the request paused: answer 413 with `Connection: close`).
 */
export function readRequestBody(req: NodeBodySource, limit: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    readNodeBody(req, limit, { body: resolve, tooLarge: () => resolve(undefined), failed: reject });
  });
}

/** Reads a web body stream up to `limit` bytes; `undefined` (and the stream cancelled) when it is larger. */
export async function readWebBody(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array | undefined> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : concat(chunks, size);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
