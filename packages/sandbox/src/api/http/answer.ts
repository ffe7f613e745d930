import type { ServerResponse } from 'node:http';

/** What a route answers: an HTTP status, a body (JSON object, text or bytes) and extra headers. */
export interface ApiAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A 200 JSON answer. */
export function json(body: unknown, status = 200): ApiAnswer {
  return { status, body };
}

/** `{"result":1000}` plus method data (reference §1.3). */
export function ok(extra: Record<string, unknown> = {}): ApiAnswer {
  return { status: 200, body: { result: 1000, ...extra } };
}

/** A 200 answer carrying a non-1000 result code, optionally with per-field codes (reference §1.3). */
export function fail(result: number, fields?: Record<string, number>): ApiAnswer {
  return { status: 200, body: fields ? { result, fields } : { result } };
}

/** A bare HTTP status with an empty body. */
export function status(code: number, headers?: Record<string, string>): ApiAnswer {
  return headers ? { status: code, headers } : { status: code };
}

/** 302 to `location` (recording links, reference §3.3). */
export function redirect(location: string): ApiAnswer {
  return { status: 302, headers: { location } };
}

/** The vendor's 429 body (reference §1.3). */
export const RATE_LIMITED_BODY = {
  name: 'Service Unavailable',
  message: 'Rate limit exceeded.',
  code: 0,
  status: 429,
} as const;

/** The result code an answer carries, if it is a JSON object with `result`. */
export function resultOf(answer: ApiAnswer): number | undefined {
  const body = answer.body;
  if (body && typeof body === 'object' && !Buffer.isBuffer(body) && 'result' in body) {
    const r = Number((body as { result: unknown }).result);
    return Number.isFinite(r) ? r : undefined;
  }
  return undefined;
}

/** Writes an answer to the socket: objects as JSON, strings and buffers as they are. */
export function send(res: ServerResponse, answer: ApiAnswer): void {
  const headers: Record<string, string | number> = { ...answer.headers };
  let payload: Buffer | undefined;
  const body = answer.body;
  if (Buffer.isBuffer(body)) {
    payload = body;
  } else if (typeof body === 'string') {
    payload = Buffer.from(body, 'utf8');
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (body !== undefined) {
    payload = Buffer.from(JSON.stringify(body), 'utf8');
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  headers['content-length'] = payload ? payload.length : 0;
  res.writeHead(answer.status, headers);
  res.end(payload);
}
