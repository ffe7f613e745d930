import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** True for an address only this machine can reach: `localhost`, 127.0.0.0/8, `::1`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/** The gateway would serve call data on a reachable address without a token: it refuses to start. */
export class InsecureAdminError extends Error {
  override name = 'InsecureAdminError';
}

/**
 * Decides how the admin endpoints are protected, or refuses: without a token they are served
 * only when the gateway binds loopback and no trusted proxy forwards to it (a proxy in front
 * makes a loopback port public).
 */
export function adminPolicy(options: { host: string; adminToken?: string; trustProxy: boolean }): {
  token: string | undefined;
} {
  const token = options.adminToken === '' ? undefined : options.adminToken;
  if (token !== undefined) return { token };
  if (!isLoopbackHost(options.host))
    throw new InsecureAdminError(
      `refusing to serve the admin API (/events, /calls, /stream, /metrics, /consumers…) on ${options.host} without a token: set adminToken (--admin-token or GATEWAY_ADMIN_TOKEN), or bind 127.0.0.1`,
    );
  if (options.trustProxy)
    throw new InsecureAdminError(
      'refusing to serve the admin API behind a proxy (trustProxy) without a token: set adminToken (--admin-token or GATEWAY_ADMIN_TOKEN)',
    );
  return { token: undefined };
}

/**
 * Whether a request may use the admin endpoints: `Authorization: Bearer <token>` (scheme in
 * any case, compared in constant time) when a token is set. Without one (loopback only), a
 * request that came through a proxy (`Forwarded`, `X-Forwarded-For`, `X-Real-IP`) is refused:
 * someone put this port behind a public address.
 */
export function adminAllowed(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) {
    const h = req.headers;
    return h.forwarded === undefined && h['x-forwarded-for'] === undefined && h['x-real-ip'] === undefined;
  }
  const m = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  // Equal-length digests: the comparison takes the same time whatever the token's length.
  return timingSafeEqual(digest(m[1]!), digest(token));
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
