import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';

/** Test credentials (never real ones). */
export const KEY = 'testkey123';
export const SALT = 'testsalt456';

/** A signed urlencoded notification body for `payload`. */
export function signedBody(payload: object, key = KEY, salt = SALT): string {
  return encodeEnvelope(createEnvelope({ apiKey: key, apiSalt: salt }, payload));
}

/** An `events/call` payload (reference §4.1). */
export function callEvent(
  entry: string,
  leg: string,
  seq: number,
  state: 'Appeared' | 'Connected' | 'OnHold' | 'Disconnected',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    entry_id: entry,
    call_id: leg,
    timestamp: 1_767_225_600 + seq,
    seq,
    call_state: state,
    location: 'abonent',
    from: { number: '79001234567' },
    to: { extension: '101', number: 'sip:101@demo.mangosip.ru', line_number: '74951234567' },
    ...(state === 'Disconnected' ? { disconnect_reason: 1110 } : {}),
    ...extra,
  };
}

/** POSTs a body to the gateway; resolves with the status and parsed JSON answer. */
export async function post(
  base: string,
  path: string,
  body: string | Blob | FormData,
  contentType: string | null = 'application/x-www-form-urlencoded',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  const res = await fetch(`${base}/${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {}
  return { status: res.status, body: parsed };
}
