import type { NotificationForm } from 'mangokit';

/** The request's content type is neither form encoding (answered 415). */
export class UnsupportedMediaTypeError extends Error {
  override name = 'UnsupportedMediaTypeError';
}

/** The body could not be decoded as the declared form encoding (answered 400). */
export class MalformedFormError extends Error {
  override name = 'MalformedFormError';
}

/**
 * Decodes the three notification fields from an urlencoded or multipart body (reference §1.2:
 * urlencoded is what the PBX sends; multipart is accepted as well). Multipart goes through the
 * platform's own `Request.formData()` rather than a hand-written parser.
 */
export async function readNotificationForm(
  contentType: string | undefined,
  body: Buffer,
): Promise<NotificationForm> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams(body.toString('utf8'));
    return pick((k) => params.get(k));
  }
  if (type === 'multipart/form-data') {
    let data: FormData;
    try {
      data = await new Request('http://gateway.local/', {
        method: 'POST',
        headers: { 'content-type': contentType! },
        body: new Uint8Array(body),
      }).formData();
    } catch {
      throw new MalformedFormError('multipart body could not be decoded');
    }
    return pick((k) => {
      const v = data.get(k);
      return typeof v === 'string' ? v : v === null ? null : null;
    });
  }
  throw new UnsupportedMediaTypeError(
    `content-type must be application/x-www-form-urlencoded or multipart/form-data, got "${type || 'none'}"`,
  );
}

function pick(get: (k: string) => string | null): NotificationForm {
  const form: NotificationForm = {};
  const key = get('vpbx_api_key');
  const sign = get('sign');
  const json = get('json');
  if (key !== null) form.vpbx_api_key = key;
  if (sign !== null) form.sign = sign;
  if (json !== null) form.json = json;
  return form;
}
