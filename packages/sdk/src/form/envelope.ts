import { MultipartError } from './errors.js';
import { type MultipartPart, multipartBoundary, parseMultipartParts } from './multipart.js';
import type { EnvelopeFields, FormParseOptions } from './options.js';
import { parseUrlencoded } from './urlencoded.js';

/** The two body encodings of the envelope (reference §1.2: urlencoded and multipart, accept both). */
export type FormKind = 'urlencoded' | 'multipart';

/** Which form encoding a content type names; `undefined` for anything else (a receiver answers 415). */
export function formKind(contentType: string | null | undefined): FormKind | undefined {
  if (!contentType) return undefined;
  // The exact type the PBX sends, without slicing or lowercasing.
  if (contentType === 'application/x-www-form-urlencoded') return 'urlencoded';
  const semi = contentType.indexOf(';');
  const type = (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return 'urlencoded';
  if (type === 'multipart/form-data') return 'multipart';
  return undefined;
}

/** The envelope fields of a form body plus its file parts (uploads such as `offline_record/recognize`, reference §3.8). */
export interface ReceivedForm extends EnvelopeFields {
  /** File parts of a multipart body; absent when there are none. */
  files?: MultipartPart[];
}

const utf8 = new TextDecoder();
const ENVELOPE_FIELDS = new Set(['vpbx_api_key', 'sign', 'json']);

function readMultipart(body: Uint8Array, contentType: string, lenient: boolean): ReceivedForm {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw new MultipartError('multipart body without a boundary');
  const form: ReceivedForm = {};
  const files: MultipartPart[] = [];
  for (const part of parseMultipartParts(body, boundary)) {
    const name = part.name;
    const isField = ENVELOPE_FIELDS.has(name);
    // A strict reader takes an envelope field sent as a file part as text, as a web FormData reader does.
    if (part.filename !== undefined && (lenient || !isField)) {
      files.push(part);
      continue;
    }
    if (!isField) continue;
    const key = name as keyof EnvelopeFields;
    if (form[key] === undefined) form[key] = utf8.decode(part.data);
    else if (!lenient) throw new MultipartError(`form field "${name}" is repeated`);
  }
  if (files.length > 0) form.files = files;
  return form;
}

/**
 * Reads the envelope (`vpbx_api_key`, `sign`, `json`, reference §1.2) from a urlencoded **or**
 * multipart body, synchronously. Any content type other than multipart is read as urlencoded, as
 * the vendor's PHP examples send it without one. Throws `MalformedFormError` (`MultipartError`
 * for multipart) for a body that is not a well-formed form.
 */
export function parseEnvelopeForm(
  body: Uint8Array,
  contentType: string | null | undefined,
  options: FormParseOptions = {},
): ReceivedForm {
  if (formKind(contentType) === 'multipart') {
    return readMultipart(body, contentType as string, options.lenient === true);
  }
  return parseUrlencoded(utf8.decode(body), options);
}
