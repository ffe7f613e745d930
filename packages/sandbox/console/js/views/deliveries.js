// @ts-check
/**
 * Webhooks: the notification target, the delivery log with payloads and replay, and the
 * notifications the engine emitted (shown even when no target is set).
 */

import { api } from '../api.js';
import { byId, h, setText } from '../dom.js';
import { formatTime } from '../format.js';
import { notify, run } from '../notice.js';

/** @typedef {import('../store.js').Store} Store */
/** @typedef {import('../types.js').Delivery} Delivery */

/** Notifications listed at once (newest first). */
const NOTES_SHOWN = 50;

/**
 * Pretty JSON for a payload panel.
 * @param {unknown} value
 */
function pretty(value) {
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/**
 * A one-line summary of a notification payload, e.g. `Connected 101 ← 79001234567`.
 * @param {string} path
 * @param {unknown} payload
 */
export function summarize(path, payload) {
  if (!payload || typeof payload !== 'object') return '';
  const p = /** @type {Record<string, unknown>} */ (payload);
  /** @param {unknown} party */
  const side = (party) => {
    if (!party || typeof party !== 'object') return '';
    const o = /** @type {Record<string, unknown>} */ (party);
    return String(o.extension ?? o.number ?? '');
  };
  if (path.endsWith('events/call')) {
    const reason = p.disconnect_reason ? ` ${p.disconnect_reason}` : '';
    return `${p.call_state ?? ''}${reason} · ${side(p.from)} → ${side(p.to)} · ${p.location ?? ''} · seq ${p.seq ?? ''}`;
  }
  if (path.endsWith('events/summary')) {
    const outcome = Number(p.entry_result) === 1 ? 'answered' : 'missed';
    return `${side(p.from)} → ${side(p.to)} · ${outcome} · reason ${p.disconnect_reason ?? ''}`;
  }
  if (path.includes('recording') || path.includes('record/'))
    return `${p.recording_state ?? ''} ${p.recording_id ?? ''}`;
  if (path.endsWith('events/dtmf')) return `keys ${p.dtmf ?? ''}`;
  if (path.startsWith('result/')) return `command ${p.command_id ?? ''} → ${p.result ?? ''}`;
  return '';
}

/**
 * Mounts the Webhooks section.
 * @param {Store} store
 */
export function mountDeliveries(store) {
  const form = byId('webhooks-form', HTMLFormElement);
  const urls = byId('webhooks-urls', HTMLInputElement);
  const shuffle = byId('webhooks-shuffle', HTMLInputElement);
  const retries = byId('webhooks-retries', HTMLInputElement);
  const body = byId('deliveries-body', HTMLTableSectionElement);
  const empty = byId('deliveries-empty', HTMLElement);
  const filter = byId('deliveries-filter', HTMLSelectElement);
  const detail = byId('delivery-detail', HTMLElement);
  const notes = byId('notifications-list', HTMLOListElement);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const list = urls.value
      .split(/[\s,]+/)
      .map((u) => u.trim())
      .filter(Boolean);
    for (const u of list) {
      if (!/^https?:\/\/[^\s]+$/.test(u)) {
        notify(`"${u}" is not an http(s) URL`, 'error');
        urls.focus();
        return;
      }
    }
    /** @type {{ urls: string[], shuffle: boolean, maxRetries?: number }} */
    const settings = { urls: list, shuffle: shuffle.checked };
    if (retries.value !== '') settings.maxRetries = Number(retries.value);
    run(
      form,
      async () => store.setWebhooks(await api.setWebhooks(settings)),
      list.length ? `Notifications go to ${list.join(', ')}` : 'Notifications are not sent anywhere',
    );
  });

  function renderSettings() {
    const s = store.webhooks;
    if (!s) return;
    if (document.activeElement !== urls) urls.value = (s.urls ?? []).join(' ');
    shuffle.checked = Boolean(s.shuffle);
    if (s.maxRetries !== undefined && document.activeElement !== retries)
      retries.value = String(s.maxRetries);
  }

  /** @param {Delivery} d */
  async function showDetail(d) {
    let full = d;
    try {
      full = await api.delivery(d.id);
    } catch {
      // the log entry itself has the payload; the detail only adds the form body
    }
    const attempts = (full.attempts ?? []).map((a, i) =>
      h(
        'li',
        {},
        `#${i + 1} at ${formatTime(a.at > 1e11 ? a.at / 1000 : a.at, Date.now() / 1000)}: `,
        (a.httpStatus ?? a.status) !== undefined ? `HTTP ${a.httpStatus ?? a.status}` : '',
        a.error ? ` ${a.error}` : '',
        a.latencyMs !== undefined ? ` in ${Math.round(a.latencyMs)} ms` : '',
      ),
    );
    detail.replaceChildren(
      h('h3', { id: 'delivery-detail-title', tabindex: '-1' }, `Delivery ${full.id}: ${full.path}`),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'URL'),
        h('dd', {}, full.url),
        h('dt', {}, 'Status'),
        h(
          'dd',
          {},
          full.status,
          full.httpStatus ? ` (HTTP ${full.httpStatus})` : '',
          full.error ? ` — ${full.error}` : '',
        ),
        full.replayOf !== undefined ? [h('dt', {}, 'Replay of'), h('dd', {}, String(full.replayOf))] : null,
      ),
      h('h4', {}, 'Attempts'),
      attempts.length ? h('ol', {}, attempts) : h('p', {}, 'None yet.'),
      h('h4', {}, 'Payload'),
      h('pre', { class: 'json', tabindex: '0' }, pretty(full.payload)),
    );
    detail.hidden = false;
    const title = detail.querySelector('h3');
    if (title) title.focus();
  }

  /** @param {Delivery} d */
  function row(d) {
    const first = d.createdAt ?? d.attempts?.[0]?.at;
    const replay = h('button', { type: 'button', 'aria-label': `Replay delivery ${d.id}` }, 'Replay');
    replay.addEventListener('click', () =>
      run(replay, async () => {
        const { id } = await api.replay(d.id);
        notify(`Replayed as delivery ${id}`);
      }),
    );
    const view = h('button', { type: 'button', 'aria-label': `Show delivery ${d.id}` }, 'Payload');
    view.addEventListener('click', () => showDetail(d));
    return h(
      'tr',
      { 'data-delivery-id': String(d.id), 'data-status': d.status },
      h('td', { class: 'num' }, String(d.id)),
      // Delivery times are wall-clock (the HTTP posts are real), unlike the calls' virtual clock.
      h('td', {}, first ? formatTime(first > 1e11 ? first / 1000 : first, Date.now() / 1000) : '—'),
      h(
        'th',
        { scope: 'row' },
        h('code', {}, d.path),
        d.replayOf !== undefined ? h('span', { class: 'replay' }, ` replay of #${d.replayOf}`) : '',
      ),
      h('td', {}, summarize(d.path, d.payload)),
      h('td', {}, h('span', { class: 'badge', 'data-status': d.status }, d.status)),
      h('td', { class: 'num' }, d.httpStatus ?? '—'),
      h('td', { class: 'num' }, String(d.attempts?.length ?? 0)),
      h('td', { class: 'num' }, d.latencyMs !== undefined ? `${Math.round(d.latencyMs)} ms` : '—'),
      h('td', { class: 'actions' }, view, replay),
    );
  }

  function renderDeliveries() {
    const wanted = filter.value;
    const list = [...store.deliveries.values()].filter((d) => !wanted || d.status === wanted).reverse();
    const focused = document.activeElement;
    const focusKey =
      focused instanceof HTMLElement && body.contains(focused)
        ? [focused.closest('tr')?.dataset.deliveryId, focused.textContent]
        : undefined;
    body.replaceChildren(...list.map(row));
    empty.hidden = list.length > 0;
    setText(
      empty,
      store.deliveries.size === 0
        ? store.webhooks?.urls?.length
          ? 'No deliveries yet.'
          : 'No deliveries: set a notification target above.'
        : 'No deliveries match the filter.',
    );
    if (focusKey) {
      const again = [...body.querySelectorAll(`tr[data-delivery-id="${focusKey[0]}"] button`)].find(
        (b) => b.textContent === focusKey[1],
      );
      if (again instanceof HTMLElement) again.focus();
    }
  }

  /** @param {{ path: string, payload: unknown }} n */
  function noteItem(n) {
    return h(
      'li',
      {},
      h(
        'details',
        {},
        h('summary', {}, h('code', {}, n.path), ' ', summarize(n.path, n.payload)),
        h('pre', { class: 'json' }, pretty(n.payload)),
      ),
    );
  }

  /** Adds the newest notification on top; items a reader opened stay open. */
  function addNotification() {
    const newest = store.notifications[0];
    if (!newest) return;
    notes.prepend(noteItem(newest));
    while (notes.children.length > NOTES_SHOWN) notes.lastElementChild?.remove();
  }

  /** Batch redraws of a busy log to one per frame. */
  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      renderDeliveries();
    });
  }

  filter.addEventListener('change', renderDeliveries);
  store.on('webhooks', () => {
    renderSettings();
    renderDeliveries();
  });
  store.on('deliveries', schedule);
  store.on('notification', addNotification);
  renderSettings();
  renderDeliveries();
}
