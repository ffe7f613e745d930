import type { GatewayLogger } from '../observability/logger.js';
import type { CallFolder, GatewayStore } from '../store/types.js';
import type { Signal } from '../work/signal.js';
import { WorkLoop } from '../work/signal.js';
import type { ParsedEvents } from './parsedEvents.js';
import { foldCall } from './projection.js';

/**
 * Keeps `calls`, `legs` and `recordings` up to date: folds stored-but-unprojected events in
 * batches, outside the acknowledgement path. It runs on a timer rather than per stored batch,
 * so under load one projection transaction covers many ingest commits. Projection survives
 * restarts: its progress is committed in the same transaction as the rows it produced.
 */
export function startProjector(
  store: GatewayStore,
  signal: Signal,
  logger: GatewayLogger,
  options: { batch?: number; idleMs?: number; onProjected?: () => void; parsed?: ParsedEvents } = {},
): WorkLoop {
  const cache = options.parsed;
  const fold: CallFolder = cache
    ? (entryId, previous, events) => foldCall(entryId, previous, events, (id) => cache.take(id))
    : foldCall;
  const loop = new WorkLoop(
    async () => {
      const batch = options.batch ?? 500;
      const n = await store.projectPending(batch, fold);
      if (n > 0) options.onProjected?.();
      return n >= batch; // a full batch means more is waiting: go on at once
    },
    signal,
    options.idleMs ?? 250,
    (err) => logger.error('projection failed', { error: err }),
  );
  loop.start();
  return loop;
}
