// @ts-check
/** The live stream (`GET /_sandbox/stream`, server-sent events) feeding the store. */

import { api } from './api.js';

/** @typedef {import('./store.js').Store} Store */

/**
 * Parses an event's JSON data; a malformed event is skipped rather than breaking the page.
 * @param {Event} event
 * @returns {Record<string, unknown> | undefined}
 */
function data(event) {
  try {
    const value = JSON.parse(/** @type {MessageEvent<string>} */ (event).data);
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Connects to the stream. `onHello` runs on every (re)connect: the page reloads its snapshot
 * then, so nothing missed while disconnected stays missing. EventSource reconnects by itself.
 * @param {Store} store
 * @param {(state: unknown) => void} onHello
 * @returns {EventSource}
 */
export function connectStream(store, onHello) {
  const source = new EventSource('/_sandbox/stream');
  source.addEventListener('hello', (event) => {
    store.setConnected(true);
    onHello(data(event));
  });
  source.addEventListener('error', () => {
    if (source.readyState !== EventSource.OPEN) store.setConnected(false);
  });
  source.addEventListener('leg', (event) => {
    const leg = data(event);
    if (!leg || typeof leg.call_id !== 'string') return;
    const isNew = store.upsertLeg(/** @type {import('./types.js').LiveLeg} */ (leg));
    // A new call: fetch what only the call knows (direction, parties, line).
    if (isNew) {
      api
        .call(String(leg.entry_id))
        .then((call) => store.mergeCall(call))
        .catch(() => {});
    }
  });
  source.addEventListener('call', (event) => {
    const ended = data(event);
    if (ended && typeof ended.entry_id === 'string')
      store.endCall(
        ended.entry_id,
        /** @type {import('./types.js').CallRecord | undefined} */ (ended.record),
      );
  });
  source.addEventListener('delivery', (event) => {
    const delivery = data(event);
    if (delivery && delivery.id !== undefined)
      store.upsertDelivery(/** @type {import('./types.js').Delivery} */ (delivery));
  });
  source.addEventListener('notification', (event) => {
    const note = data(event);
    if (note && typeof note.path === 'string') store.addNotification(note.path, note.payload);
  });
  source.addEventListener('request', (event) => {
    const request = data(event);
    if (request && typeof request.path === 'string')
      store.addRequest(/** @type {import('./types.js').ApiRequest} */ (request));
  });
  source.addEventListener('clock', (event) => {
    const clock = data(event);
    if (clock && typeof clock.now_ms === 'number') store.setClock({ now_ms: clock.now_ms });
  });
  source.addEventListener('office', () => onHello(undefined));
  return source;
}
