import { REJECTION_MESSAGES } from './messages.js';

/** Why the receiver refused a request: the typed reason behind every answer other than 200. */
export type WebhookRejectionReason =
  | 'not_found'
  | 'address_not_allowed'
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'malformed_form'
  | 'missing_field'
  | 'wrong_key'
  | 'bad_signature'
  | 'malformed_json'
  | 'invalid_payload'
  | 'not_accepted';

/**
 * The status table of the receiver: the HTTP status answered for each reason. `not_accepted`
 * (the acceptance hook or an awaited subscriber failed) answers 503 with `Retry-After`, or the
 * status the thrown error carries. Everything else is answered 200.
 */
export const REJECTION_STATUS: Readonly<Record<WebhookRejectionReason, number>> = {
  malformed_form: 400,
  missing_field: 400,
  malformed_json: 400,
  invalid_payload: 400,
  wrong_key: 401,
  bad_signature: 401,
  address_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_accepted: 503,
};

/** A request the receiver refused, as reported to `onRejected`. Never carries the salt or a signature. */
export interface WebhookRejection {
  /** The HTTP status answered. */
  status: number;
  reason: WebhookRejectionReason;
  /** A readable, secret-free explanation (the answer's `message`). */
  message: string;
  /** The notification path below `basePath` (`events/call`), when the request got that far. */
  path?: string;
  /** The client address, when known. */
  ip?: string;
  /** With `not_accepted`: what the acceptance hook or the subscriber threw. */
  error?: unknown;
}

/** The answer to write: status, headers and body text. */
export interface WebhookAnswer {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

// Every reason has its text (checked here, so messages.ts needs nothing from this file).
const MESSAGES: Readonly<Record<WebhookRejectionReason, string>> = REJECTION_MESSAGES;

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** `OK`: the answer to every accepted notification whose acceptance hook returned no body. */
export const OK_ANSWER: WebhookAnswer = {
  status: 200,
  // ASCII text: characters are bytes (and no Buffer at import time on non-Node runtimes).
  headers: { 'content-type': TEXT, 'content-length': '2' },
  body: 'OK',
};

/** The human text of a reason, with the detail that explains this request. */
export function rejectionMessage(reason: WebhookRejectionReason, detail?: string): string {
  const text = MESSAGES[reason];
  return detail ? `${text}: ${detail}` : text;
}

/** A JSON answer (`{"error":reason,"message":…}` for rejections, the hook's object for a 200). */
export function jsonAnswer(status: number, value: unknown, extra?: Record<string, string>): WebhookAnswer {
  const body = JSON.stringify(value);
  return {
    status,
    headers: { 'content-type': JSON_TYPE, 'content-length': String(utf8Length(body)), ...extra },
    body,
  };
}

/** Bytes of `text` in UTF-8. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
