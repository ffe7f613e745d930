import type { SignedEnvelope } from '../core/signing.js';

/** A file part of a multipart request. */
export interface UploadFile {
  /** The bytes. */
  data: Uint8Array;
  /** File name sent to the server, e.g. `call.mp3`. */
  fileName: string;
  /** Default `audio/mpeg`. */
  contentType?: string;
}

/**
 * Encodes the envelope plus a file as `multipart/form-data` — mandatory for
 * `offline_record/recognize` (reference §1.2, §3.8). Returns the body and its content type.
 */
export function encodeMultipart(
  envelope: SignedEnvelope,
  file: UploadFile,
): { body: Uint8Array; contentType: string } {
  const boundary = `----mangokit${globalThis.crypto.randomUUID().replace(/-/g, '')}`;
  const enc = new TextEncoder();
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const safeName = file.fileName.replace(/["\r\n]/g, '_');
  const head = enc.encode(
    field('vpbx_api_key', envelope.vpbx_api_key) +
      field('sign', envelope.sign) +
      field('json', envelope.json) +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\n` +
      `Content-Type: ${file.contentType ?? 'audio/mpeg'}\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const body = new Uint8Array(head.length + file.data.length + tail.length);
  body.set(head, 0);
  body.set(file.data, head.length);
  body.set(tail, head.length + file.data.length);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
