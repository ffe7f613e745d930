// @ts-check
/** The header: connection state and the sandbox clock, with advance (manual) or speed (real) controls. */

import { api } from '../api.js';
import { byId, h, setText } from '../dom.js';
import { run } from '../notice.js';

/** @typedef {import('../store.js').Store} Store */

/** Steps offered for a manual clock. */
const STEPS = [
  { ms: 1000, label: '+1 s' },
  { ms: 5000, label: '+5 s' },
  { ms: 30_000, label: '+30 s' },
  { ms: 300_000, label: '+5 min' },
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
    setText(mode, m === 'manual' ? 'manual clock' : `real clock ×${speed}`);
    if (m === drawnMode) return;
    drawnMode = m;
    if (m === 'manual') {
      controls.replaceChildren(
        ...STEPS.map((step) => {
          const b = h(
            'button',
            { type: 'button', 'aria-label': `Advance the clock ${step.label.slice(1)}` },
            step.label,
          );
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
      controls.replaceChildren(h('label', { for: 'clock-speed' }, 'Speed'), select);
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
    setText(conn, store.connected ? 'live' : 'reconnecting…');
  }

  store.on('clock', () => {
    renderControls();
    tick();
  });
  store.on('connection', renderConnection);
  setInterval(tick, 250);
  renderControls();
  renderConnection();
  tick();
}
