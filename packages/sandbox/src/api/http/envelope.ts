import type { IncomingMessage } from 'node:http';
import { MultipartError, type MultipartPart, multipartBoundary, parseMultipartParts } from './multipart.js';

/** The three form fields of a request (reference §1.2), as received (any may be missing). */
export interface ReceivedEnvelope {
  vpbx_api_key?: string;
  sign?: string;
  json?: string;
  /** File parts of a multipart body (`offline_record/recognize`, reference §3.8). */
  files?: MultipartPart[];
}

/** Thrown for a body that is neither valid urlencoded nor valid multipart form data. */
export class EnvelopeFormatError extends Error {
  override name = 'EnvelopeFormatError';
}

/**
 * Reads the envelope from a urlencoded **or** multipart body (reference §1.2: accept both).
 * An absent content type is read as urlencoded, as the vendor's PHP examples send it.
 */
export function parseEnvelope(req: IncomingMessage, body: Buffer): ReceivedEnvelope {
  const contentType = String(req.headers['content-type'] ?? '');
  let fields: Map<string, string>;
  const files: MultipartPart[] = [];
  if (/^multipart\/form-data/i.test(contentType)) {
    const boundary = multipartBoundary(contentType);
    if (!boundary) throw new EnvelopeFormatError('multipart body without a boundary');
    let parts: MultipartPart[];
    try {
      parts = parseMultipartParts(body, boundary);
    } catch (error) {
      if (error instanceof MultipartError) throw new EnvelopeFormatError(error.message);
      throw error;
    }
    fields = new Map();
    for (const part of parts) {
      if (part.filename !== undefined) files.push(part);
      else if (!fields.has(part.name)) fields.set(part.name, part.data.toString('utf8'));
    }
  } else {
    fields = new Map();
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) if (!fields.has(k)) fields.set(k, v);
  }
  const envelope: ReceivedEnvelope = {};
  const key = fields.get('vpbx_api_key');
  const sign = fields.get('sign');
  const jsonText = fields.get('json');
  if (key !== undefined) envelope.vpbx_api_key = key;
  if (sign !== undefined) envelope.sign = sign;
  if (jsonText !== undefined) envelope.json = jsonText;
  if (files.length > 0) envelope.files = files;
  return envelope;
}
