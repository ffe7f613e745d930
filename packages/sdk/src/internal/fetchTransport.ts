import { MangoAbortError, MangoConnectionError, MangoTimeoutError } from '../core/errors.js';
import type { Transport, TransportResponse } from './transport.js';

/** The fetch function shape the transport needs (the global `fetch` fits). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

async function* readChunks(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!stream) return;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** A transport over `fetch` for runtimes without `node:http` (Bun, Deno, edge workers). */
export function createFetchTransport(fetchImpl: FetchLike = globalThis.fetch): Transport {
  return async (request) => {
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort();
    if (request.signal?.aborted) throw new MangoAbortError('request aborted');
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      request.timeoutMs !== undefined && Number.isFinite(request.timeoutMs)
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, request.timeoutMs)
        : undefined;
    const done = () => {
      if (timer) clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    };
    let res: Response;
    try {
      res = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body as BodyInit | undefined,
        signal: controller.signal,
        redirect: 'manual',
      });
    } catch (err) {
      done();
      if (timedOut) throw new MangoTimeoutError(`no answer within ${request.timeoutMs} ms`);
      if (request.signal?.aborted) throw new MangoAbortError('request aborted');
      throw new MangoConnectionError(`connection failed: ${(err as Error).message}`);
    }
    const response: TransportResponse = {
      status: res.status,
      header: (name) => res.headers.get(name) ?? undefined,
      async text() {
        try {
          return await res.text();
        } catch (err) {
          if (timedOut) throw new MangoTimeoutError(`no answer within ${request.timeoutMs} ms`);
          throw new MangoConnectionError(`connection failed: ${(err as Error).message}`);
        } finally {
          done();
        }
      },
      chunks() {
        done();
        return readChunks(res.body);
      },
      stream() {
        done();
        return res.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
      },
      discard() {
        done();
        res.body?.cancel().catch(() => {});
      },
    };
    return response;
  };
}
