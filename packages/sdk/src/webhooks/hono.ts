import type { WebhookHandler } from './handler.js';

/** The parts of a Hono context the adapter uses (no dependency on hono itself). */
interface HonoContextLike {
  req: { raw: Request };
  env?: unknown;
}

/** The peer address when served by `@hono/node-server` (its `env.incoming` is the node request). */
function nodeServerIp(env: unknown): string | undefined {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } }).incoming;
  return incoming?.socket?.remoteAddress;
}

/**
 * A Hono route handler: `app.all('/mango/*', toHonoHandler(handler))` with `basePath: '/mango'`.
 * `getIp` supplies the peer address on runtimes other than `@hono/node-server`.
 */
export function toHonoHandler(
  handler: WebhookHandler,
  getIp: (c: HonoContextLike) => string | undefined = (c) => nodeServerIp(c.env),
): (c: HonoContextLike) => Promise<Response> {
  return (c) => handler(c.req.raw, { ip: getIp(c) });
}
