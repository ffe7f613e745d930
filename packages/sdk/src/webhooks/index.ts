export type { WebhookHandlerOptions } from './core.js';
export { toFastifyPlugin } from './fastify.js';
export {
  createWebhookHandler,
  type RequestInfo,
  type WebhookHandler,
  type WebhookSubscriptions,
} from './handler.js';
export { toHonoHandler } from './hono.js';
export { MANGO_NOTIFICATION_IPS } from './ips.js';
export { createNodeListener, type NodeListener, type NodeWebhookListener, toNodeListener } from './node.js';
export type { ErrorListener, EventListener } from './subscriptions.js';

import { toNodeListener } from './node.js';

/** Express (or Connect) middleware: `app.use(toExpressMiddleware(handler))`; paths outside the base go to `next()`. */
export const toExpressMiddleware: typeof toNodeListener = toNodeListener;
