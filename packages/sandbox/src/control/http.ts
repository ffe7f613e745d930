import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTROL_ERRORS, type SandboxText } from '../i18n/messages.js';

/** A control request failed: `status` 400, 404 or 409 with a readable message (and its Russian, `ru`). */
export class ControlError extends Error {
  /** The message in Russian, when there is one. */
  readonly ru: string | undefined;
  constructor(
    readonly status: number,
    text: SandboxText | string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(typeof text === 'string' ? text : text.en);
    this.ru = typeof text === 'string' ? undefined : text.ru;
    this.name = 'ControlError';
  }
}

const MAX_BODY = 5 * 1024 * 1024;

/** Reads a JSON body (empty = `{}`); 400 on bad JSON or a non-object. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ControlError(413, CONTROL_ERRORS.bodyTooLarge);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ControlError(400, CONTROL_ERRORS.bodyNotJson);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ControlError(400, CONTROL_ERRORS.bodyNotObject);
  }
  return data as Record<string, unknown>;
}

/** Writes a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** A required string field. */
export function needString(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v === '') throw new ControlError(400, CONTROL_ERRORS.required(key));
  return v;
}

/** An optional string field. */
export function optString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new ControlError(400, CONTROL_ERRORS.notString(key));
  return v;
}
