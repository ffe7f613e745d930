/** Thrown for a `multipart/form-data` body that cannot be parsed. */
export class MultipartError extends Error {
  override name = 'MultipartError';
}

/** The boundary of a `multipart/form-data` content type, or undefined. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  name: string;
  /** Present for file parts. */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Splits a `multipart/form-data` body (RFC 7578) into its parts, bytes untouched. */
export function parseMultipartParts(body: Buffer, boundary: string): MultipartPart[] {
  const parts: MultipartPart[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    // `--` right after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new MultipartError('multipart part without headers');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) throw new MultipartError('multipart body not terminated');
    // The CRLF before the next delimiter belongs to the delimiter, not to the value.
    let valueEnd = next;
    if (body[valueEnd - 2] === 0x0d && body[valueEnd - 1] === 0x0a) valueEnd -= 2;
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) {
      const part: MultipartPart = { name, data: body.subarray(headerEnd + 4, valueEnd) };
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      if (filename !== undefined) part.filename = filename;
      const type = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1];
      if (type) part.contentType = type.trim();
      parts.push(part);
    }
    pos = next;
  }
}

/**
 * Parses the text fields of a `multipart/form-data` body; the first of a repeated name wins.
 * The envelope only needs `vpbx_api_key`, `sign` and `json` (reference §1.2).
 */
export function parseMultipart(body: Buffer, boundary: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of parseMultipartParts(body, boundary)) {
    if (!fields.has(part.name)) fields.set(part.name, part.data.toString('utf8'));
  }
  return fields;
}
