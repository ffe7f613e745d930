import { encodeEnvelope, signJson } from 'mangokit/protocol';

/** The outcome of forwarding one notification. */
export interface ForwardResult {
  url: string;
  status?: number;
  error?: string;
  ms: number;
}

/** A forward that did not reach the app or was refused by it: fails the notification it carries. */
export class ForwardFailedError extends Error {
  override name = 'ForwardFailedError';
  constructor(
    message: string,
    /** The app's own error status (4xx/5xx), answered to the sender; absent when it was not reached (503). */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Throws `ForwardFailedError` unless the app answered 2xx. */
export function throwIfNotDelivered(result: ForwardResult): void {
  if (result.status === undefined) throw new ForwardFailedError(`${result.url}: ${result.error}`);
  if (result.status >= 300) {
    throw new ForwardFailedError(
      `${result.url} answered ${result.status}`,
      result.status >= 400 && result.status <= 599 ? result.status : undefined,
    );
  }
}

/** Joins the forward base and the notification path as the PBX does (reference §1.1). */
export function forwardUrl(base: string, path: string): string {
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
}

/**
 * Re-signs the notification with the given credentials (so a local app verifies it with its own
 * key and salt) and posts it as the PBX would: urlencoded `vpbx_api_key`, `sign`, `json`.
 * The `json` string is forwarded byte for byte — re-serialising could change what the app sees —
 * and the new signature covers exactly those bytes (reference §1.2).
 */
export async function forwardNotification(
  base: string,
  path: string,
  json: string,
  credentials: { apiKey: string; apiSalt: string },
  timeoutMs = 10_000,
): Promise<ForwardResult> {
  const url = forwardUrl(base, path);
  const started = Date.now();
  const envelope = {
    vpbx_api_key: credentials.apiKey,
    sign: signJson(credentials, json),
    json,
  };
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeEnvelope(envelope),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return { url, status: res.status, ms: Date.now() - started };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { url, error: e.cause?.code ?? e.message, ms: Date.now() - started };
  }
}
