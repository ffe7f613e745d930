import { sha256HexJs } from './sha256.js';

/** The parts of `node:crypto` signing uses, where the runtime has them. */
interface NativeCrypto {
  hash?(algorithm: string, data: string, encoding: 'hex'): string;
  createHash?(algorithm: string): { update(data: string): { digest(encoding: 'hex'): string } };
}

/**
 * The runtime's own `node:crypto` (Node ≥ 20.16, Bun, Deno), found without importing it, so that
 * no `node:` module is in the import graph and the same code bundles for browsers and workers.
 */
function nativeCrypto(): NativeCrypto | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return process?.getBuiltinModule?.('node:crypto') as NativeCrypto | undefined;
  } catch {
    return undefined;
  }
}

/**
 * SHA-256 to lowercase hex, synchronously. The one-shot `crypto.hash` (Node ≥ 20.12) is several
 * times cheaper than `createHash().update().digest()` for short inputs; without `node:crypto`
 * the pure-JavaScript hash runs (WebCrypto's `subtle.digest` is asynchronous, and on Node about
 * ten times dearer for a signature-sized input).
 */
const sha256Hex: (input: string) => string = (() => {
  const native = nativeCrypto();
  if (typeof native?.hash === 'function') {
    const hash = native.hash;
    return (input: string) => hash('sha256', input, 'hex');
  }
  if (typeof native?.createHash === 'function') {
    const createHash = native.createHash;
    return (input: string) => createHash('sha256').update(input).digest('hex');
  }
  return sha256HexJs;
})();

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

/**
 * Compares two strings in constant time for their length (which is public): no early exit on
 * the first difference and no allocation. Signatures, keys and tokens go through it.
 */
export function signaturesEqual(expected: string, actual: string): boolean {
  if (expected.length !== actual.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ actual.charCodeAt(i);
  return diff === 0;
}

/** Every redacted `sign` starts with this; a value that does is never a signature (hex only). */
export const REDACTED_SIGN_PREFIX = 'redacted-';

/**
 * What a `sign` becomes where it is kept (traffic recordings, logs): its shape without its value.
 * `redacted-64-hex` for a well-formed SHA-256 hex signature (reference §1.2), `redacted-empty`, or
 * `redacted-N-chars` for anything else, so a reader sees the field was there and well-formed or not.
 * The result is URL-safe: it replaces the value in a form body as it stands.
 */
export function redactSign(sign: string): string {
  if (sign === '') return `${REDACTED_SIGN_PREFIX}empty`;
  if (/^[0-9a-fA-F]{64}$/.test(sign)) return `${REDACTED_SIGN_PREFIX}64-hex`;
  return `${REDACTED_SIGN_PREFIX}${sign.length}-chars`;
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
