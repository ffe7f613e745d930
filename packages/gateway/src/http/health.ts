import type { ServerResponse } from 'node:http';
import type { GatewayLogger } from '../observability/logger.js';
import type { StoreHealth } from '../store/health.js';
import { sendJson } from './respond.js';

/**
 * `GET /health`: 200 `{"status":"ok"}` when the store answers in time and can write; otherwise
 * 503 `{"status":"unavailable","reason":"unreachable"|"cannot_write"|"stalled"}` with
 * `Retry-After`. Answers within about 4 s whatever the store does. Never behind the admin token,
 * so it carries no data and no error text (the log has the error).
 */
export async function handleHealth(
  res: ServerResponse,
  health: StoreHealth,
  about: { store: string; instance: string; backlog: number },
  logger: GatewayLogger,
): Promise<void> {
  const report = await health.check();
  if (report.state === 'ok') return sendJson(res, 200, { status: 'ok', ...about });
  logger.warn('health check failed', { reason: report.state, error: report.error });
  sendJson(
    res,
    503,
    { status: 'unavailable', reason: report.state, store: about.store, instance: about.instance },
    { 'retry-after': '1' },
  );
}
