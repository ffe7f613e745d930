// @ts-check
/**
 * The API's invalid-request lock-out (faithful to the vendor, reference §1.3), shown under the
 * tabs while it matters: locked until when (every API request is answered 401), or armed by one
 * invalid request. Resetting the office clears it.
 */

import { api } from '../api.js';
import { byId, setText } from '../dom.js';
import { formatDuration, formatTime } from '../format.js';
import { t } from '../i18n.js';
import { run } from '../notice.js';

/** @typedef {import('../store.js').Store} Store */

/**
 * Mounts the lock-out notice.
 * @param {Store} store
 */
export function mountLockout(store) {
  const box = byId('lockout', HTMLElement);
  const text = byId('lockout-text', HTMLElement);
  const clear = byId('lockout-clear', HTMLButtonElement);

  clear.addEventListener('click', () => {
    if (!window.confirm(t().lockout.confirmClear)) return;
    run(
      clear,
      async () => {
        await api.resetOffice(false);
        store.setLockout((await api.state()).lockout);
      },
      t().lockout.cleared,
    );
  });

  function render() {
    const m = t().lockout;
    const l = store.lockout;
    const now = store.nowMs() / 1000;
    let message = '';
    let kind = '';
    if (l?.enabled && l.locked && l.until !== null && l.until > now) {
      message = m.locked(formatTime(l.until, now), formatDuration(l.until - now));
      kind = 'locked';
    } else if (l?.enabled && l.window_until !== null && l.window_until > now) {
      message = m.armed(formatTime(l.window_until, now));
      kind = 'armed';
    }
    box.hidden = message === '';
    box.dataset.kind = kind;
    setText(text, message);
    clear.hidden = kind !== 'locked';
    setText(clear, m.clear);
  }

  store.on('lockout', render);
  store.on('lang', render);
  store.on('clock', render);
  setInterval(render, 1000);
  render();
}
