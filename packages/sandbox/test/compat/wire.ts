import { createHash } from 'node:crypto';
import { request } from 'node:http';

/**
 * The bytes other languages' clients put on the wire, reproduced in Node (our own code, written
 * from the languages' documented behaviour): PHP's `json_encode` and `http_build_query`, Python's
 * `json.dumps` and `requests` form encoding, Go's raw concatenation. Tests send them with
 * {@link rawPost} exactly, so the sandbox sees what those clients send.
 */

/** A JSON value as PHP holds it: a list (`array(...)` with 0..n keys) or an associative array. */
export type PhpValue = string | number | boolean | null | PhpValue[] | { [key: string]: PhpValue };

function escapeUnicode(text: string, escapeSlash: boolean, escapeNonAscii = true): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '/' && escapeSlash) out += '\\/';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code > 0x7e && escapeNonAscii)) {
      // Non-ASCII as \uXXXX (UTF-16 units, lower-case hex), as both PHP and Python do by default.
      for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/**
 * PHP's `json_encode($value)` with default flags: compact, `/` escaped as `\/`, non-ASCII as
 * `\uXXXX`, an empty `array()` as `[]` (PHP cannot tell it from an empty list).
 */
export function phpJsonEncode(value: PhpValue, flags: PhpJsonFlags = {}): string {
  const slash = !flags.unescapedSlashes;
  const unicode = !flags.unescapedUnicode;
  const enc = (v: PhpValue): string => {
    if (v === null) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') return escapeUnicode(v, slash, unicode);
    if (Array.isArray(v)) return `[${v.map(enc).join(',')}]`;
    const entries = Object.entries(v);
    if (entries.length === 0) return '[]';
    return `{${entries.map(([k, x]) => `${escapeUnicode(k, slash, unicode)}:${enc(x)}`).join(',')}}`;
  };
  return enc(value);
}

/** `JSON_UNESCAPED_SLASHES` and `JSON_UNESCAPED_UNICODE`, as PHP libraries pass them (reference §1.2). */
export interface PhpJsonFlags {
  unescapedSlashes?: boolean;
  unescapedUnicode?: boolean;
}

/** Go's `json.Marshal`: UTF-8 kept, `<`, `>`, `&` (and U+2028/9) escaped for HTML safety. */
export function goJsonMarshal(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Python's `json.dumps(value, separators=(',', ':'))` (ensure_ascii on: non-ASCII as `\uXXXX`, `/` kept). */
export function pythonJsonDumps(value: PhpValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeUnicode(value, false);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(',')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${escapeUnicode(k, false)}:${pythonJsonDumps(v)}`)
    .join(',')}}`;
}

/** PHP's `urlencode`: RFC 1738, space as `+`, everything but `A-Za-z0-9-_.` percent-encoded in upper case. */
export function phpUrlencode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.-]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** PHP's `http_build_query($fields)` for a flat array of strings. */
export function phpHttpBuildQuery(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${phpUrlencode(k)}=${phpUrlencode(v)}`)
    .join('&');
}

/** Python `requests`' form body for `data={...}` (urllib's `quote_plus`: `~` kept, space as `+`). */
export function pythonFormBody(fields: Record<string, string>): string {
  const quote = (text: string) =>
    encodeURIComponent(text)
      .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+');
  return Object.entries(fields)
    .map(([k, v]) => `${quote(k)}=${quote(v)}`)
    .join('&');
}

/** `sha256(key + json + salt)` in lower-case hex, as every client signs (reference §1.2). */
export function sign(key: string, json: string, salt: string): string {
  return createHash('sha256')
    .update(key + json + salt, 'utf8')
    .digest('hex');
}

/** An answer read whole. */
export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON.
  json: any;
}

/**
 * Sends exactly `body` with exactly `headers` (plus Host and Content-Length), as a foreign client
 * would: no re-encoding by a fetch implementation.
 */
export function rawPost(
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
  method = 'POST',
): Promise<RawReply> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers: { ...headers, 'content-length': String(bytes.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const all = Buffer.concat(chunks);
          const text = all.toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: all, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

/** What PHP's curl sends for `CURLOPT_POSTFIELDS` given a string (the vendor's FAQ and PHP examples). */
export const PHP_CURL_HEADERS = {
  accept: '*/*',
  'content-type': 'application/x-www-form-urlencoded',
};
