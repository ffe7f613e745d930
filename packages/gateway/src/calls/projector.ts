import type { GatewayLogger } from '../observability/logger.js';
import type { GatewayStore } from '../store/types.js';
import type { Signal } from '../work/signal.js';
import { WorkLoop } from '../work/signal.js';
import { foldCall } from './projection.js';

/**
 * Keeps `calls`, `legs` and `recordings` up to date: folds stored-but-unprojected events in
 * batches, outside the acknowledgement path. Projection is idempotent and survives restarts
 * (the `projected` flag is set in the same transaction as the rows it produced).
 */
export function startProjector(
  store: GatewayStore,
  signal: Signal,
  logger: GatewayLogger,
  options: { batch?: number; idleMs?: number; onProjected?: () => void } = {},
): WorkLoop {
  const loop = new WorkLoop(
    async () => {
      const n = await store.projectPending(options.batch ?? 500, foldCall);
      if (n > 0) options.onProjected?.();
      return n > 0;
    },
    signal,
    options.idleMs ?? 250,
    (err) => logger.error('projection failed', { error: err }),
  );
  loop.start();
  return loop;
}
