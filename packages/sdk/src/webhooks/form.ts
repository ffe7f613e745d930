import type { NotificationForm } from '../events/verify.js';

/**
 * Reading the notification form (reference §1.2, §1.5): `application/x-www-form-urlencoded`
 * as the PBX sends it, and `multipart/form-data`, which the vendor also accepts.
 */

/** Which body encodings the handler accepts; `undefined` for anything else (→ 415). */
export function formKind(contentType: string | null | undefined): 'urlencoded' | 'multipart' | undefined {
  if (!contentType) return undefined;
  const semi = contentType.indexOf(';');
  const type = (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return 'urlencoded';
  if (type === 'multipart/form-data') return 'multipart';
  return undefined;
}

/** Thrown for a body that is not a well-formed form (→ 400). */
export class MalformedFormError extends Error {
  override name = 'MalformedFormError';
}

function decodeComponent(text: string): string {
  const plusless = text.indexOf('+') < 0 ? text : text.replace(/\+/g, ' ');
  if (plusless.indexOf('%') < 0) return plusless;
  try {
    return decodeURIComponent(plusless);
  } catch {
    throw new MalformedFormError('form field is not valid percent-encoding');
  }
}

/**
 * Parses an urlencoded body into the three notification fields. A repeated field makes the
 * form ambiguous and is rejected rather than guessed.
 */
export function parseUrlencoded(body: string): NotificationForm {
  const form: NotificationForm = {};
  let start = 0;
  const length = body.length;
  while (start <= length) {
    let end = body.indexOf('&', start);
    if (end < 0) end = length;
    if (end > start) {
      const eq = body.indexOf('=', start);
      const nameEnd = eq < 0 || eq > end ? end : eq;
      const name = body.slice(start, nameEnd);
      if (name === 'vpbx_api_key' || name === 'sign' || name === 'json') {
        if (form[name] !== undefined) throw new MalformedFormError(`form field "${name}" is repeated`);
        form[name] = nameEnd === end ? '' : decodeComponent(body.slice(nameEnd + 1, end));
      }
    }
    start = end + 1;
  }
  return form;
}

/** Parses a multipart body with the platform's own form-data reader. */
export async function parseMultipart(body: Uint8Array, contentType: string): Promise<NotificationForm> {
  let data: FormData;
  try {
    data = await new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw new MalformedFormError('multipart body is malformed');
  }
  const form: NotificationForm = {};
  for (const name of ['vpbx_api_key', 'sign', 'json'] as const) {
    const values = data.getAll(name);
    if (values.length > 1) throw new MalformedFormError(`form field "${name}" is repeated`);
    const value = values[0];
    if (value === undefined) continue;
    form[name] = typeof value === 'string' ? value : await value.text();
  }
  return form;
}
