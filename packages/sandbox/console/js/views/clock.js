// @ts-check
/** The header: connection state and the sandbox clock, with advance (manual) or speed (real) controls. */

import { api } from '../api.js';
import { byId, h, setText } from '../dom.js';
import { language, t } from '../i18n.js';
import { run } from '../notice.js';

/** @typedef {import('../store.js').Store} Store */

/** Steps offered for a manual clock. */
const STEPS = [
  { ms: 1000, label: { en: '+1 s', ru: '+1 с' } },
  { ms: 5000, label: { en: '+5 s', ru: '+5 с' } },
  { ms: 30_000, label: { en: '+30 s', ru: '+30 с' } },
  { ms: 300_000, label: { en: '+5 min', ru: '+5 мин' } },
];
const SPEEDS = [1, 2, 5, 10, 30, 60];

/**
 * Mounts the connection badge and the clock controls.
 * @param {Store} store
 */
export function mountClock(store) {
  const conn = byId('connection', HTMLElement);
  const time = byId('clock-time', HTMLTimeElement);
  const mode = byId('clock-mode', HTMLElement);
  const controls = byId('clock-controls', HTMLElement);
  let drawnMode = '';

  function renderControls() {
    const { mode: m, speed } = store.clock;
    setText(mode, m === 'manual' ? t().clock.manual : t().clock.real(speed));
    if (`${m}|${language()}` === drawnMode) return;
    drawnMode = `${m}|${language()}`;
    if (m === 'manual') {
      controls.replaceChildren(
        ...STEPS.map((step) => {
          const label = step.label[language()];
          const b = h('button', { type: 'button', 'aria-label': t().clock.advance(label.slice(1)) }, label);
          b.addEventListener('click', () =>
            run(b, async () => {
              const answer = await api.advance(step.ms);
              store.setClock(answer);
            }),
          );
          return b;
        }),
      );
    } else {
      const select = h(
        'select',
        { id: 'clock-speed' },
        SPEEDS.map((s) => h('option', { value: String(s) }, `×${s}`)),
      );
      select.value = String(speed);
      select.addEventListener('change', () =>
        run(null, async () => {
          const next = Number(select.value);
          await api.speed(next);
          store.setClock({ speed: next });
        }),
      );
      controls.replaceChildren(h('label', { for: 'clock-speed' }, t().clock.speed), select);
    }
  }

  function tick() {
    const now = new Date(store.nowMs());
    time.dateTime = now.toISOString();
    setText(
      time,
      now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }),
    );
  }

  function renderConnection() {
    conn.dataset.state = store.connected ? 'live' : 'down';
    setText(conn, store.connected ? t().connection.live : t().connection.reconnecting);
  }

  store.on('clock', () => {
    renderControls();
    tick();
  });
  store.on('connection', renderConnection);
  store.on('lang', () => {
    renderControls();
    renderConnection();
  });
  setInterval(tick, 250);
  renderControls();
  renderConnection();
  tick();
}
