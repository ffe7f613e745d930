/** One HTTP exchange as the pipeline asks for it. */
export interface TransportRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  /** Caller's cancellation. */
  signal?: AbortSignal | undefined;
  /** Deadline for the answer's headers and, for `text()`, its whole body. */
  timeoutMs?: number | undefined;
  /**
   * The caller will read the whole body as text (JSON answers): a transport may read it before
   * resolving, which saves a pause/resume round per request. Streams still work either way.
   */
  bufferBody?: boolean | undefined;
}

/** The answer; redirects are never followed by the transport itself. */
export interface TransportResponse {
  status: number;
  /** A header value (lower-case name), or `undefined`. */
  header(name: string): string | undefined;
  /** The whole body as UTF-8 text. */
  text(): Promise<string>;
  /** The body as chunks, read as they arrive. */
  chunks(): AsyncIterable<Uint8Array>;
  /** The body as a web stream. */
  stream(): ReadableStream<Uint8Array>;
  /** Drops the body without reading it (frees the keep-alive socket). */
  discard(): void;
  /**
   * The whole body as UTF-8 text when the transport has already read it (`bufferBody`), so the
   * caller can take it without another promise; `undefined` otherwise (then use `text()`).
   */
  readonly bufferedText?: string | undefined;
}

/**
 * Sends one request. Must throw `MangoConnectionError`, `MangoTimeoutError` or
 * `MangoAbortError` for network failures; never throws for HTTP statuses.
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;
