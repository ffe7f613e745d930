export type { AcceptedNotification, WebhookHandlerOptions } from './core.js';
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
export type { DedupeOptions } from './replays.js';
export type { WebhookRejection, WebhookRejectionReason } from './status.js';
export type { ErrorListener, EventListener } from './subscriptions.js';

import { toNodeListener } from './node.js';

/** Express (or Connect) middleware: `app.use(toExpressMiddleware(handler))`; paths it does not serve go to `next()`. */
export const toExpressMiddleware: typeof toNodeListener = toNodeListener;
