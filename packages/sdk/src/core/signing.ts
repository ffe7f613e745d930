import * as crypto from 'node:crypto';

/**
 * One-shot SHA-256 to lowercase hex. `crypto.hash` (Node ≥ 20.12) is several times cheaper than
 * `createHash().update().digest()` for short inputs; runtimes without it use the streaming API.
 */
const sha256Hex: (input: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (input) =>
        (crypto as unknown as { hash(alg: string, data: string, enc: 'hex'): string }).hash(
          'sha256',
          input,
          'hex',
        )
    : (input) => crypto.createHash('sha256').update(input).digest('hex');

/**
 * The account credentials every signature is made with: `vpbx_api_key` and `vpbx_api_salt`
 * (reference §1.2). Every signing helper takes them first.
 */
export interface ApiCredentials {
  apiKey: string;
  apiSalt: string;
}

/**
 * The one signing function of the toolkit (reference §1.2): lowercase hex
 * `sha256(vpbx_api_key + json + vpbx_api_salt)` over the exact JSON string that is sent.
 * The client, the webhook verifier, the sandbox and the tests all use it.
 */
export function signJson(credentials: ApiCredentials, json: string): string {
  return sha256Hex(credentials.apiKey + json + credentials.apiSalt);
}

/**
 * Signature of the self-signed recording link (reference §3.3.2) — note the different order
 * inside the hash: `sha256(vpbx_api_key + timestamp + recording_id + vpbx_api_salt)`.
 */
export function signRecordingLink(
  credentials: ApiCredentials,
  timestamp: number | string,
  recordingId: string,
): string {
  return sha256Hex(credentials.apiKey + String(timestamp) + recordingId + credentials.apiSalt);
}

/** Compares two hex signatures in constant time (length mismatch answers false at once). */
export function signaturesEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** The three form fields of every request and notification (reference §1.2). */
export interface SignedEnvelope {
  vpbx_api_key: string;
  sign: string;
  json: string;
}

/**
 * Serialises `params` to compact JSON and signs it. The returned `json` is the exact string
 * that must be sent: re-serialising it would break the signature.
 */
export function createEnvelope(credentials: ApiCredentials, params: unknown): SignedEnvelope {
  const json = JSON.stringify(params ?? {});
  return { vpbx_api_key: credentials.apiKey, sign: signJson(credentials, json), json };
}

/** URL-encodes an envelope as an `application/x-www-form-urlencoded` body. */
export function encodeEnvelope(envelope: SignedEnvelope): string {
  return (
    'vpbx_api_key=' +
    encodeURIComponent(envelope.vpbx_api_key) +
    '&sign=' +
    envelope.sign +
    '&json=' +
    encodeURIComponent(envelope.json)
  );
}
