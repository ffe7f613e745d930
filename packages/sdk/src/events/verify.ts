import { MangoSignatureError, MangoValidationError } from '../core/errors.js';
import {
  type ApiCredentials,
  createEnvelope,
  type SignedEnvelope,
  signaturesEqual,
  signJson,
} from '../core/signing.js';

/** Lowercase hex compared case-insensitively: `A`–`F` differ from `a`–`f` only in bit 0x20. */
function sameHex(expectedLower: string, actual: string): boolean {
  if (expectedLower.length !== actual.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) {
    const c = actual.charCodeAt(i);
    // Fold `A`–`F` to lowercase without branching on secret data beyond the character class.
    const folded = c >= 65 && c <= 70 ? c | 0x20 : c;
    diff |= expectedLower.charCodeAt(i) ^ folded;
  }
  return diff === 0;
}

function missing(field: string): MangoSignatureError {
  return new MangoSignatureError(`notification field "${field}" is missing`, 'missing_field');
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
export function verifyNotification(credentials: ApiCredentials, form: NotificationForm): void {
  if (typeof credentials?.apiKey !== 'string' || typeof credentials.apiSalt !== 'string') {
    throw new MangoValidationError(
      'verifyNotification(credentials, form): credentials need apiKey and apiSalt',
    );
  }
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
  if (typeof key !== 'string' || key === '') throw missing('vpbx_api_key');
  if (typeof sign !== 'string' || sign === '') throw missing('sign');
  if (typeof json !== 'string' || json === '') throw missing('json');
  if (!signaturesEqual(credentials.apiKey, key)) {
    throw new MangoSignatureError('notification vpbx_api_key does not match this account', 'wrong_key');
  }
  const expected = signJson(credentials, json);
  // The vendor sends lowercase hex (§1.2); accept uppercase too.
  if (!sameHex(expected, sign)) {
    throw new MangoSignatureError('notification sign does not match its json', 'bad_signature');
  }
}

/** Signs `payload` as the PBX signs a notification: for tests, the sandbox and replay tools. */
export function signNotification(credentials: ApiCredentials, payload: object): SignedEnvelope {
  return createEnvelope(credentials, payload);
}
