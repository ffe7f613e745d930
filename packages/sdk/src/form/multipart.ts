import { MultipartError } from './errors.js';

/** The boundary of a `multipart/form-data` content type, or `undefined`. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  /** The part's `name` from its Content-Disposition. */
  name: string;
  /** Present for file parts. */
  filename?: string;
  /** The part's own Content-Type, when it has one. */
  contentType?: string;
  /** The part's bytes, untouched (a view into the body: a `Buffer` when the body is one). */
  data: Uint8Array;
}

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** The first index of `needle` in `hay` at or after `from`, or -1. */
function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(first, from); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

const HEADER_END = encoder.encode('\r\n\r\n');

/**
 * Splits a `multipart/form-data` body (RFC 7578) into its parts, bytes untouched, synchronously.
 * Throws `MultipartError` for a body that is not well-formed.
 */
export function parseMultipartParts(body: Uint8Array, boundary: string): MultipartPart[] {
  const bytes = body;
  const parts: MultipartPart[] = [];
  const delimiter = encoder.encode(`--${boundary}`);
  let pos = indexOfBytes(bytes, delimiter, 0);
  if (pos < 0) throw new MultipartError('multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    // `--` right after a delimiter closes the body.
    if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) return parts;
    if (bytes[pos] === 0x0d && bytes[pos + 1] === 0x0a) pos += 2;
    const headerEnd = indexOfBytes(bytes, HEADER_END, pos);
    if (headerEnd < 0) throw new MultipartError('multipart part without headers');
    const headers = utf8.decode(bytes.subarray(pos, headerEnd));
    const next = indexOfBytes(bytes, delimiter, headerEnd + 4);
    if (next < 0) throw new MultipartError('multipart body not terminated');
    // The CRLF before the next delimiter belongs to the delimiter, not to the value.
    let valueEnd = next;
    if (bytes[valueEnd - 2] === 0x0d && bytes[valueEnd - 1] === 0x0a) valueEnd -= 2;
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) {
      const part: MultipartPart = { name, data: bytes.subarray(headerEnd + 4, valueEnd) };
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      if (filename !== undefined) part.filename = filename;
      const type = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1];
      if (type) part.contentType = type.trim();
      parts.push(part);
    }
    pos = next;
  }
}

/** The text fields of a `multipart/form-data` body by name; the first of a repeated name wins. */
export function parseMultipart(body: Uint8Array, boundary: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of parseMultipartParts(body, boundary)) {
    if (!fields.has(part.name)) fields.set(part.name, utf8.decode(part.data));
  }
  return fields;
}
