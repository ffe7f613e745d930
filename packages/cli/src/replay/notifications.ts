import { isNotificationPath } from 'mangokit/protocol';
import type { NotificationRecord } from '../traffic/format.js';

/** Refusals that say a request did not come from the account's PBX: not replayed. */
const NOT_FROM_THE_PBX = new Set(['wrong_key', 'bad_signature', 'address_not_allowed', 'not_found']);

/** How fast to replay: a factor of the recorded pace, or as fast as deliveries go (one at a time). */
export type ReplaySpeed = number | 'max';

/** One replayed notification and what its delivery came to. */
export interface Replayed {
  path: string;
  /** Milliseconds after the first notification, as recorded. */
  offsetMs: number;
  deliveries: Array<{
    url: string;
    status: 'delivered' | 'failed' | 'pending';
    httpStatus?: number;
    error?: string;
    /** The sandbox's Russian wording of `error`. */
    error_ru?: string;
  }>;
}

/** The part of the sandbox's webhook dispatcher a replay uses. */
export interface ReplayDispatcher {
  sendRaw(
    path: string,
    json: string,
  ): Array<{
    url: string;
    status: 'pending' | 'delivered' | 'failed';
    httpStatus?: number;
    error?: string;
    error_ru?: string;
  }>;
  idle(): Promise<void>;
}

/** The notifications of a recording that are replayed: what the PBX posted, with a `json` field. */
export function replayable(records: readonly NotificationRecord[]): NotificationRecord[] {
  return records.filter(
    (r) =>
      typeof r.form?.json === 'string' &&
      // The notifications of reference §4, and paths below events/ and result/ it does not list yet.
      (isNotificationPath(r.path) || r.path.startsWith('events/') || r.path.startsWith('result/')) &&
      !(r.reason !== undefined && NOT_FROM_THE_PBX.has(r.reason)),
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Posts recorded notifications again through the sandbox's dispatcher — each `json` byte for byte,
 * signed with the sandbox's credentials, to every webhook — at the recorded offsets divided by
 * `speed`; with `max` one after the other, each delivered (or given up) before the next, so they
 * arrive in recorded order. Resolves when every delivery is settled (or the signal aborts).
 */
export async function replayNotifications(
  dispatcher: ReplayDispatcher,
  records: readonly NotificationRecord[],
  speed: ReplaySpeed,
  signal: AbortSignal,
  onReplayed: (replayed: Replayed) => void,
): Promise<number> {
  const list = replayable(records);
  if (list.length === 0) return 0;
  const t0 = Date.parse(list[0]!.at);
  const started = Date.now();
  const pending: Array<Promise<void>> = [];
  let sent = 0;
  for (const record of list) {
    if (signal.aborted) break;
    const offsetMs = Date.parse(record.at) - t0;
    if (speed !== 'max') await sleep(started + offsetMs / speed - Date.now(), signal);
    if (signal.aborted) break;
    const deliveries = dispatcher.sendRaw(record.path, record.form?.json as string);
    sent++;
    const settled = dispatcher.idle();
    const report = settled.then(() =>
      onReplayed({
        path: record.path,
        offsetMs,
        deliveries: deliveries.map((d) => ({
          url: d.url,
          status: d.status,
          ...(d.httpStatus !== undefined ? { httpStatus: d.httpStatus } : {}),
          ...(d.error !== undefined ? { error: d.error } : {}),
          ...(d.error_ru !== undefined ? { error_ru: d.error_ru } : {}),
        })),
      }),
    );
    if (speed === 'max') await report;
    else pending.push(report);
  }
  await Promise.all(pending);
  return sent;
}
