import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import type { IncomingHttpHeaders } from 'node:http';
import { formKind, multipartBoundary, parseMultipartParts, redactSign } from 'mangokit/protocol';
import type { RecordedBody } from './format.js';
import { maskJson, type NumberMasker } from './mask.js';

/** Header values never written to a recording: other schemes' credentials. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** Text-like content types, recorded as text when their bytes are UTF-8. */
function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'multipart/form-data' ||
    type.endsWith('+json') ||
    type === 'application/xml'
  );
}

/**
 * Headers as recorded: names lower-cased, repeated headers joined with `, ` (`set-cookie` is
 * redacted anyway), and credentials of other schemes replaced by `[redacted]`.
 */
export function recordHeaders(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    out[lower] = SECRET_HEADERS.has(lower) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** A body as recorded: text when it is UTF-8 of a textual type, else length, SHA-256 and base64 up to `base64Limit` bytes. */
export function recordBody(
  bytes: Buffer,
  contentType: string | undefined,
  base64Limit: number,
): RecordedBody {
  if (isTextual(contentType) && isUtf8(bytes)) return bytes.toString('utf8');
  const body: { bytes: number; sha256: string; base64?: string } = {
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  if (bytes.length <= base64Limit) body.base64 = bytes.toString('base64');
  return body;
}

/** A form value encoded as a browser or PHP would (`+` for spaces when the original used them). */
function encodeValue(value: string, plusForSpace: boolean): string {
  const encoded = encodeURIComponent(value);
  return plusForSpace ? encoded.replace(/%20/g, '+') : encoded;
}

function decodeValue(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** What redaction made of a form body. */
export interface RedactedForm {
  /** The body with `sign` redacted and, when asked, the numbers in `json` masked; all other bytes as they were. */
  body: Buffer;
  /** The form fields read from it; file parts as `<file NAME, N bytes>`. */
  form?: Record<string, string>;
}

function redactUrlencoded(body: Buffer, masker: NumberMasker | undefined): RedactedForm {
  const text = body.toString('utf8');
  const form: Record<string, string> = {};
  const pairs = text.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const name = decodeValue(rawName);
    let value = decodeValue(rawValue);
    let out = pair;
    if (name === 'sign') {
      value = redactSign(value);
      out = `${rawName}=${value}`;
    } else if (name === 'json' && masker) {
      const masked = maskJson(value, masker);
      if (masked !== value) out = `${rawName}=${encodeValue(masked, rawValue.includes('+'))}`;
      value = masked;
    }
    // The first of a repeated field wins, as the vendor's server reads forms.
    if (name !== '' && form[name] === undefined) form[name] = value;
    return out;
  });
  return { body: Buffer.from(pairs.join('&'), 'utf8'), form };
}

function redactMultipart(body: Buffer, contentType: string, masker: NumberMasker | undefined): RedactedForm {
  const boundary = multipartBoundary(contentType);
  if (!boundary) return { body };
  let parts: ReturnType<typeof parseMultipartParts>;
  try {
    parts = parseMultipartParts(body, boundary);
  } catch {
    return { body };
  }
  const form: Record<string, string> = {};
  const pieces: Buffer[] = [];
  let pos = 0;
  for (const part of parts) {
    const data = Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength);
    let value = part.filename === undefined ? data.toString('utf8') : undefined;
    let replacement: string | undefined;
    if (part.name === 'sign' && value !== undefined) {
      value = replacement = redactSign(value);
    } else if (part.name === 'json' && value !== undefined && masker) {
      const masked = maskJson(value, masker);
      if (masked !== value) replacement = masked;
      value = masked;
    }
    if (replacement !== undefined) {
      const start = data.byteOffset - body.byteOffset;
      pieces.push(body.subarray(pos, start), Buffer.from(replacement, 'utf8'));
      pos = start + data.length;
    }
    if (form[part.name] === undefined) {
      form[part.name] =
        value ??
        `<file ${JSON.stringify(part.filename)}, ${data.length} bytes${part.contentType ? `, ${part.contentType}` : ''}>`;
    }
  }
  pieces.push(body.subarray(pos));
  return { body: Buffer.concat(pieces), form };
}

/**
 * Redacts a request body for a recording: the `sign` field becomes `redactSign(sign)` (the other
 * bytes of the body stay as they were), and with a masker the numbers inside `json` are masked.
 * Bodies that are not forms come back unchanged, without `form`.
 */
export function redactForm(
  body: Buffer,
  contentType: string | undefined,
  masker?: NumberMasker,
): RedactedForm {
  if (formKind(contentType) === 'multipart') return redactMultipart(body, contentType as string, masker);
  // Like the vendor's server, any other body is read as urlencoded when it holds envelope fields
  // (the PHP examples post without a content type): a sign in it must never reach the file.
  if (isUtf8(body) && /(?:^|&)(?:sign|json|vpbx_api_key)=/.test(body.toString('utf8')))
    return redactUrlencoded(body, masker);
  return { body };
}

/** The signed recording link (reference §3.3.2): `…/queries/recording/link/ID/ACTION/KEY/TIMESTAMP/SIGN`. */
const RECORDING_LINK = /(queries\/recording\/link\/[^/?#]+\/[^/?#]+\/[^/?#]+\/[^/?#]+\/)([^/?#]+)/;

/** A path or URL with the `sign` of a signed recording link redacted (anything else unchanged). */
export function redactLinkSign(target: string): string {
  return target.replace(RECORDING_LINK, (_m, head: string, sign: string) => head + redactSign(sign));
}
