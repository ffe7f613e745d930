import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The one signing function of the toolkit (reference §1.2): lowercase hex
 * `sha256(vpbx_api_key + json + vpbx_api_salt)` over the exact JSON string that is sent.
 * The client, the webhook verifier, the sandbox and the tests all use it.
 */
export function signJson(apiKey: string, json: string, apiSalt: string): string {
  return createHash('sha256').update(apiKey).update(json).update(apiSalt).digest('hex');
}

/**
 * Signature of the self-signed recording link (reference §3.3.2) — note the different order:
 * `sha256(vpbx_api_key + timestamp + recording_id + vpbx_api_salt)`.
 */
export function signRecordingLink(
  apiKey: string,
  timestamp: number | string,
  recordingId: string,
  apiSalt: string,
): string {
  return createHash('sha256')
    .update(apiKey)
    .update(String(timestamp))
    .update(recordingId)
    .update(apiSalt)
    .digest('hex');
}

/** Compares two hex signatures in constant time (length mismatch answers false at once). */
export function signaturesEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
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
export function createEnvelope(apiKey: string, apiSalt: string, params: unknown): SignedEnvelope {
  const json = JSON.stringify(params ?? {});
  return { vpbx_api_key: apiKey, sign: signJson(apiKey, json, apiSalt), json };
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
