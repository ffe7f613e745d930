import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequestRecord } from './context.js';

/** Requests kept for the console (newest last). */
const DEFAULT_KEEP = 200;

/**
 * The API requests the sandbox answered, newest last: what the console's request log lists,
 * including why a path was not found and what was probably meant (reference §9 item 16).
 */
export class RequestLog {
  private readonly records: ApiRequestRecord[] = [];

  constructor(private readonly keep = DEFAULT_KEEP) {}

  add(record: ApiRequestRecord): void {
    this.records.push(record);
    if (this.records.length > this.keep) this.records.splice(0, this.records.length - this.keep);
  }

  /** The last `limit` requests, oldest first. */
  list(limit = this.keep): ApiRequestRecord[] {
    return this.records.slice(-Math.max(0, limit));
  }
}

/**
 * Serves `GET /_sandbox/requests?limit=N` → `{ requests: ApiRequestRecord[] }`; answers false for
 * any other request.
 */
export function serveRequestLog(log: RequestLog, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  if (url.pathname.replace(/\/+$/, '') !== '/_sandbox/requests') return false;
  if (req.method !== 'GET') {
    res.writeHead(405, { allow: 'GET', 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'GET only' }));
    return true;
  }
  const limit = Number(url.searchParams.get('limit') ?? DEFAULT_KEEP);
  const body = JSON.stringify({ requests: log.list(Number.isFinite(limit) ? limit : DEFAULT_KEEP) });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(body);
  return true;
}
