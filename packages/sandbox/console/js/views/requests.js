// @ts-check
/**
 * API requests: what the sandbox answered, newest first, with the reason of a 404 and the path
 * the client probably meant (a method called without `vpbx/`, reference §9 item 16).
 */

import { byId, h } from '../dom.js';
import { formatTime } from '../format.js';
import { language, t } from '../i18n.js';

/** @typedef {import('../store.js').Store} Store */
/** @typedef {import('../types.js').ApiRequest} ApiRequest */

/** Rows drawn at once. */
const SHOWN = 100;

/**
 * The note column: why a path is not a method and what to call instead, or how the input was read.
 * @param {ApiRequest} r
 * @returns {(string | Node)[]}
 */
export function requestNote(r) {
  /** @type {(string | Node)[]} */
  const parts = [];
  const m = t().requests;
  if (r.did_you_mean) parts.push(m.didYouMean, h('code', {}, r.did_you_mean), '? ');
  const hint = language() === 'ru' ? (r.hint_ru ?? r.hint) : r.hint;
  if (hint) parts.push(hint);
  if (r.emptyArrayJson) parts.push(m.emptyArray);
  return parts;
}

/**
 * Mounts the Requests section.
 * @param {Store} store
 */
export function mountRequests(store) {
  const body = byId('requests-body', HTMLTableSectionElement);
  const empty = byId('requests-empty', HTMLElement);

  function render() {
    const nowSec = store.nowMs() / 1000;
    const rows = store.requests
      .slice(0, SHOWN)
      .map((r) =>
        h(
          'tr',
          { 'data-status': String(r.status) },
          h('td', {}, formatTime(r.at, nowSec)),
          h('td', {}, r.method),
          h('td', {}, h('code', {}, r.path)),
          h('td', {}, String(r.status)),
          h('td', {}, r.result === undefined ? '' : String(r.result)),
          h('td', {}, ...requestNote(r)),
        ),
      );
    body.replaceChildren(...rows);
    empty.hidden = rows.length > 0;
  }

  /** Batch redraws of a busy log to one per frame. */
  let pending = false;
  store.on('lang', render);
  store.on('requests', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      render();
    });
  });
  render();
}
