// @ts-check
/** Boots the console: sections by URL hash, a snapshot from the control API, then the live stream. */

import { api } from './api.js';
import { DELIVERY_LIMIT, HISTORY_LIMIT, REQUEST_LIMIT, Store } from './store.js';
import { byId } from './dom.js';
import { applyPageText, language, setLanguage } from './i18n.js';
import { clearNotice } from './notice.js';
import { connectStream } from './stream.js';
import { mountBoard } from './views/board.js';
import { mountClock } from './views/clock.js';
import { mountDeliveries } from './views/deliveries.js';
import { mountDial } from './views/dial.js';
import { mountHistory } from './views/history.js';
import { mountLockout } from './views/lockout.js';
import { mountOffice } from './views/office.js';
import { mountRequests } from './views/requests.js';

const SECTIONS = ['calls', 'office', 'webhooks', 'history', 'requests'];

/**
 * Shows the section named by the hash; moves focus to its heading when the user navigated.
 * @param {boolean} moveFocus
 */
function route(moveFocus) {
  const wanted = location.hash.slice(1);
  const current = SECTIONS.includes(wanted) ? wanted : 'calls';
  for (const id of SECTIONS) {
    const section = document.getElementById(id);
    if (section) section.hidden = id !== current;
    const link = document.querySelector(`nav a[href="#${id}"]`);
    if (link) {
      if (id === current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }
  const heading = document.querySelector(`#${current} h2`);
  if (moveFocus && heading instanceof HTMLElement) heading.focus();
}

/**
 * Loads everything the page shows. Each part loads on its own: one failing route leaves the
 * rest of the page working.
 * @param {Store} store
 * @param {unknown} hello the `hello` event's state, when there is one
 */
async function loadSnapshot(store, hello) {
  if (hello && typeof hello === 'object') {
    const state =
      /** @type {{ now?: number, clock?: { mode?: string, speed?: number }, lockout?: import('./types.js').LockoutState }} */ (
        hello
      );
    if (state.clock) store.setClock({ now: state.now, mode: state.clock.mode, speed: state.clock.speed });
    store.setLockout(state.lockout);
  } else {
    api.state().then(
      (s) => store.setLockout(s.lockout),
      () => {},
    );
  }
  await Promise.allSettled([
    store.codes.size > 0 ? Promise.resolve() : api.codes().then((c) => store.setCodes(c)),
    api.clock().then((c) => store.setClock(c)),
    api.office().then((o) => store.setOffice(o)),
    api.calls().then((c) => store.setCalls(c)),
    api.webhooks().then((w) => store.setWebhooks(w)),
    api.deliveries(DELIVERY_LIMIT).then((d) => store.setDeliveries(d)),
    api.requests(REQUEST_LIMIT).then((r) => store.setRequests(r)),
    Promise.all([api.history(HISTORY_LIMIT), api.recordings()]).then(([calls, recordings]) => {
      store.setRecordings(recordings);
      store.setHistory(calls);
    }),
  ]);
}

const store = new Store();
// The language: the browser's (Russian or English) unless chosen with the switch.
applyPageText();
const switcher = byId('lang-switch', HTMLSelectElement);
switcher.value = language();
switcher.addEventListener('change', () => {
  setLanguage(switcher.value === 'ru' ? 'ru' : 'en');
  applyPageText();
  // A message said in the other language is not left standing.
  clearNotice();
  store.emit('lang');
});
mountClock(store);
mountLockout(store);
mountDial(store);
mountBoard(store);
mountOffice(store);
mountDeliveries(store);
mountHistory(store);
mountRequests(store);
route(false);
// A 401, or an invalid request (3xxx) that may arm the lock-out: ask the sandbox where it stands.
/** @type {ReturnType<typeof setTimeout> | undefined} */
let lockoutCheck;
store.on('requests', () => {
  const r = store.requests[0];
  if (!r || (r.status !== 401 && !(r.result !== undefined && r.result >= 3000 && r.result < 4000))) return;
  clearTimeout(lockoutCheck);
  lockoutCheck = setTimeout(() => {
    api.state().then(
      (s) => store.setLockout(s.lockout),
      () => {},
    );
  }, 150);
});
window.addEventListener('hashchange', () => route(true));
connectStream(store, (hello) => {
  // A new connection, or the office was replaced: start from a fresh snapshot. Phones driven
  // from the console stay so: the engine keeps them by user id across office loads.
  loadSnapshot(store, hello).finally(() => document.body.setAttribute('data-ready', ''));
});
