import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The cookie that carries the control token for the web console (set by opening `/?token=…`). */
export const CONTROL_TOKEN_COOKIE = 'mangokit_sandbox_token';

/** True for a bound address only this machine reaches (127.0.0.0/8, ::1). */
export function isLoopbackAddress(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}

/**
 * Guards everything under `/_sandbox/` (the control API, the request log, recording audio: call
 * data and state changes) with `token` when one is set: `Authorization: Bearer <token>` (any
 * case), the console's cookie, or `?token=`. Opening the console at `/?token=<token>` sets the
 * cookie (HttpOnly, SameSite=Strict) and redirects to `/`, so the console works unchanged.
 * Answers true when it answered the request itself (401 or the redirect).
 */
export function createControlAccess(
  token: () => string | undefined,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const t = token();
    if (t === undefined) return false;
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    if (path === '/' || path === '/index.html') {
      const given = url.searchParams.get('token');
      if (given === null || !same(given, t)) return false;
      res.writeHead(302, {
        location: '/',
        'set-cookie': `${CONTROL_TOKEN_COOKIE}=${encodeURIComponent(t)}; Path=/; HttpOnly; SameSite=Strict`,
      });
      res.end();
      return true;
    }
    if (path !== '/_sandbox' && !path.startsWith('/_sandbox/')) return false;
    if (presented(req, url).some((p) => same(p, t))) return false;
    req.resume();
    const body = JSON.stringify({
      error: 'unauthorized',
      message:
        'this sandbox listens on an address other machines can reach: /_sandbox/ needs its control token (Authorization: Bearer <token>, or open the console at /?token=<token>)',
    });
    res.writeHead(401, {
      'content-type': 'application/json',
      'www-authenticate': 'Bearer realm="mangokit sandbox"',
    });
    res.end(body);
    return true;
  };
}

/** Every token the request presents: bearer header, cookie, query. */
function presented(req: IncomingMessage, url: URL): string[] {
  const out: string[] = [];
  const bearer = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '');
  if (bearer) out.push(bearer[1]!);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === CONTROL_TOKEN_COOKIE) {
      try {
        out.push(decodeURIComponent(v.join('=')));
      } catch {
        // A mangled cookie presents nothing.
      }
    }
  }
  const q = url.searchParams.get('token');
  if (q !== null) out.push(q);
  return out;
}

function same(a: string, b: string): boolean {
  const d = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(d(a), d(b));
}
