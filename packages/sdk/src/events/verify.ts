import { MangoSignatureError } from '../core/errors.js';
import { createEnvelope, type SignedEnvelope, signaturesEqual, signJson } from '../core/signing.js';

/** The account credentials a notification is signed with. */
export interface NotificationCredentials {
  apiKey: string;
  apiSalt: string;
}

/** The three form fields of a notification as received (reference §1.5). */
export interface NotificationForm {
  vpbx_api_key?: string;
  sign?: string;
  json?: unknown;
}

/**
 * Verifies a notification's `vpbx_api_key` and `sign` (reference §1.2, §1.5) over the raw
 * `json` string, in constant time. Throws `MangoSignatureError` whose `reason` says which check
 * failed: `missing_field`, `parsed_object` (a parsed object was passed where the raw string
 * belongs — re-serialising cannot reproduce the signed bytes), `wrong_key` or `bad_signature`.
 */
export function verifyNotification(form: NotificationForm, credentials: NotificationCredentials): void {
  if (typeof form !== 'object' || form === null) {
    throw new MangoSignatureError('notification form must be an object of its fields', 'malformed');
  }
  const { vpbx_api_key: key, sign, json } = form;
  if (json !== undefined && json !== null && typeof json !== 'string') {
    throw new MangoSignatureError(
      'notification "json" must be the raw string as received, not a parsed object: the signature covers the exact bytes',
      'parsed_object',
    );
  }
  for (const [field, value] of [
    ['vpbx_api_key', key],
    ['sign', sign],
    ['json', json],
  ] as const) {
    if (typeof value !== 'string' || value === '') {
      throw new MangoSignatureError(`notification field "${field}" is missing`, 'missing_field');
    }
  }
  if (!signaturesEqual(credentials.apiKey, key as string)) {
    throw new MangoSignatureError('notification vpbx_api_key does not match this account', 'wrong_key');
  }
  const expected = signJson(credentials.apiKey, json as string, credentials.apiSalt);
  // The vendor sends lowercase hex (§1.2); accept uppercase too.
  if (!signaturesEqual(expected, (sign as string).toLowerCase())) {
    throw new MangoSignatureError('notification sign does not match its json', 'bad_signature');
  }
}

/** Signs `payload` as the PBX signs a notification: for tests, the sandbox and replay tools. */
export function signNotification(credentials: NotificationCredentials, payload: object): SignedEnvelope {
  return createEnvelope(credentials.apiKey, credentials.apiSalt, payload);
}
