/** Thrown for a `multipart/form-data` body that cannot be parsed. */
export class MultipartError extends Error {
  override name = 'MultipartError';
}

/** The boundary of a `multipart/form-data` content type, or undefined. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * Parses the text fields of a `multipart/form-data` body (RFC 7578). File parts are returned
 * like other fields; the envelope only needs `vpbx_api_key`, `sign` and `json` (reference §1.2).
 */
export function parseMultipart(body: Buffer, boundary: string): Map<string, string> {
  const fields = new Map<string, string>();
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    // `--` right after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return fields;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new MultipartError('multipart part without headers');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) throw new MultipartError('multipart body not terminated');
    // The CRLF before the next delimiter belongs to the delimiter, not to the value.
    let valueEnd = next;
    if (body[valueEnd - 2] === 0x0d && body[valueEnd - 1] === 0x0a) valueEnd -= 2;
    const name = /content-disposition:[^\r\n]*?\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined && !fields.has(name)) {
      fields.set(name, body.subarray(headerEnd + 4, valueEnd).toString('utf8'));
    }
    pos = next;
  }
}
