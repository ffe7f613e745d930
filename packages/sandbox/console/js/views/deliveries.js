// @ts-check
/**
 * Webhooks: the notification target, the delivery log (a page at a time, each row with its
 * target URL, its detail opening under the row) and, beside it, the notifications the engine
 * emitted (shown even when no target is set).
 */

import { api } from '../api.js';
import { byId, h, setText } from '../dom.js';
import { formatTime } from '../format.js';
import { language, t } from '../i18n.js';
import { notify, run } from '../notice.js';

/** @typedef {import('../store.js').Store} Store */
/** @typedef {import('../types.js').Delivery} Delivery */

/** Notifications listed at once (newest first). */
const NOTES_SHOWN = 50;
/** Deliveries on one page: hundreds stay quick to draw and to read. */
export const PAGE_SIZE = 50;
/** Columns of a delivery row (the detail row spans them). */
const COLUMNS = 10;

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
 * Why a delivery or attempt failed, in the reader's language (the sandbox says both).
 * @param {{ error?: string, error_ru?: string }} failed
 */
function said(failed) {
  return (language() === 'ru' && failed.error_ru) || failed.error || '';
}

/**
 * A payload's word in the reader's language; a value the table does not know stays as sent.
 * @param {Record<string, string>} words
 * @param {unknown} value
 */
function word(words, value) {
  const key = String(value ?? '');
  return Object.hasOwn(words, key) ? (words[key] ?? key) : key;
}

/**
 * A one-line summary of a notification payload, e.g. `Connected 101 ← 79001234567`.
 * @param {string} path
 * @param {unknown} payload
 */
export function summarize(path, payload) {
  if (!payload || typeof payload !== 'object') return '';
  const m = t().deliveries;
  const p = /** @type {Record<string, unknown>} */ (payload);
  /** @param {unknown} party */
  const side = (party) => {
    if (!party || typeof party !== 'object') return '';
    const o = /** @type {Record<string, unknown>} */ (party);
    return String(o.extension ?? o.number ?? '');
  };
  if (path.endsWith('events/call')) {
    const reason = p.disconnect_reason ? ` ${p.disconnect_reason}` : '';
    return `${word(m.callStates, p.call_state)}${reason} · ${side(p.from)} → ${side(p.to)} · ${word(t().format.locations, p.location)} · ${m.seq(String(p.seq ?? ''))}`;
  }
  if (path.endsWith('events/summary')) {
    const outcome = Number(p.entry_result) === 1 ? m.answered : m.missed;
    return `${side(p.from)} → ${side(p.to)} · ${outcome} · ${m.reason(String(p.disconnect_reason ?? ''))}`;
  }
  if (path.includes('recording') || path.includes('record/'))
    return `${word(m.recordingStates, p.recording_state)} ${p.recording_id ?? ''}`;
  if (path.endsWith('events/dtmf')) return m.keys(String(p.dtmf ?? ''));
  if (path.startsWith('result/')) return m.command(String(p.command_id ?? ''), String(p.result ?? ''));
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
  const pager = byId('deliveries-pager', HTMLElement);
  const pageLabel = byId('deliveries-page', HTMLElement);
  const newer = byId('deliveries-newer', HTMLButtonElement);
  const older = byId('deliveries-older', HTMLButtonElement);
  const notes = byId('notifications-list', HTMLOListElement);
  /** The page shown, 0 = newest. */
  let page = 0;
  /** The delivery whose detail is open under its row, and the detail as last fetched. */
  /** @type {string | undefined} */
  let openId;
  /** @type {Delivery | undefined} */
  let openDetail;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const list = urls.value
      .split(/[\s,]+/)
      .map((u) => u.trim())
      .filter(Boolean);
    for (const u of list) {
      if (!/^https?:\/\/[^\s]+$/.test(u)) {
        notify(t().deliveries.notUrl(u), 'error');
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
      list.length ? t().deliveries.goTo(list.join(', ')) : t().deliveries.goNowhere,
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

  /**
   * The detail of a delivery: its URL, status, attempts and payload, in a row under its own.
   * @param {Delivery} full
   */
  function detailRow(full) {
    const m = t().deliveries;
    const attempts = (full.attempts ?? []).map((a, i) =>
      h(
        'li',
        {},
        m.attempt(i + 1, formatTime(a.at > 1e11 ? a.at / 1000 : a.at, Date.now() / 1000)),
        (a.httpStatus ?? a.status) !== undefined ? `HTTP ${a.httpStatus ?? a.status}` : '',
        a.error ? ` ${said(a)}` : '',
        a.latencyMs !== undefined ? m.inMs(Math.round(a.latencyMs)) : '',
      ),
    );
    const close = h('button', { type: 'button', 'aria-label': m.closeDetail(full.id) }, m.close);
    close.addEventListener('click', () => {
      const row = body.querySelector(`tr[data-delivery-id="${CSS.escape(String(full.id))}"]`);
      openId = undefined;
      openDetail = undefined;
      renderDeliveries();
      const show = row?.querySelector('button[data-action="show"]');
      if (show instanceof HTMLElement) show.focus();
    });
    const detail = h(
      'section',
      { id: 'delivery-detail', class: 'detail', 'aria-labelledby': 'delivery-detail-title' },
      h(
        'div',
        { class: 'detail-head' },
        h('h3', { id: 'delivery-detail-title', tabindex: '-1' }, m.title(full.id, full.path)),
        close,
      ),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, m.url),
        h('dd', {}, full.url),
        h('dt', {}, m.status),
        h(
          'dd',
          {},
          statusText(full.status),
          full.httpStatus ? ` (HTTP ${full.httpStatus})` : '',
          full.error ? ` — ${said(full)}` : '',
        ),
        full.replayOf !== undefined ? [h('dt', {}, m.replayOf), h('dd', {}, String(full.replayOf))] : null,
      ),
      h('h4', {}, m.attempts),
      attempts.length ? h('ol', {}, attempts) : h('p', {}, m.noneYet),
      h('h4', {}, m.payload),
      h('pre', { class: 'json', tabindex: '0' }, pretty(full.payload)),
    );
    return h(
      'tr',
      { class: 'detail-row', 'data-detail-of': String(full.id) },
      h('td', { colspan: String(COLUMNS) }, detail),
    );
  }

  /** @param {Delivery} d */
  async function showDetail(d) {
    openId = String(d.id);
    openDetail = d;
    renderDeliveries();
    focusDetail();
    try {
      const full = await api.delivery(d.id);
      if (openId !== String(d.id)) return;
      openDetail = full;
      renderDeliveries();
    } catch {
      // the log entry itself has the payload; the detail only adds the form body
    }
  }

  function focusDetail() {
    const title = body.querySelector('#delivery-detail-title');
    if (title instanceof HTMLElement) title.focus();
  }

  /** @param {string} status */
  function statusText(status) {
    return /** @type {Record<string, string>} */ (t().deliveries.statuses)[status] ?? status;
  }

  /** @param {Delivery} d */
  function row(d) {
    const m = t().deliveries;
    const first = d.createdAt ?? d.attempts?.[0]?.at;
    const replay = h(
      'button',
      { type: 'button', 'aria-label': m.replayNamed(d.id), 'data-action': 'replay' },
      m.replay,
    );
    replay.addEventListener('click', () =>
      run(replay, async () => {
        const { id } = await api.replay(d.id);
        notify(m.replayed(id));
      }),
    );
    const open = openId === String(d.id);
    const view = h(
      'button',
      {
        type: 'button',
        'aria-label': m.showNamed(d.id),
        'aria-expanded': open ? 'true' : 'false',
        'data-action': 'show',
      },
      m.show,
    );
    view.addEventListener('click', () => {
      if (openId === String(d.id)) {
        openId = undefined;
        openDetail = undefined;
        renderDeliveries();
      } else showDetail(d);
    });
    return h(
      'tr',
      { 'data-delivery-id': String(d.id), 'data-status': d.status, class: open ? 'open' : false },
      h('td', { class: 'num' }, String(d.id)),
      // Delivery times are wall-clock (the HTTP posts are real), unlike the calls' virtual clock.
      h('td', {}, first ? formatTime(first > 1e11 ? first / 1000 : first, Date.now() / 1000) : '—'),
      h(
        'th',
        { scope: 'row' },
        h('code', {}, d.path),
        d.replayOf !== undefined ? h('span', { class: 'replay' }, m.replayMark(d.replayOf)) : '',
      ),
      h('td', { class: 'url' }, d.url),
      h('td', {}, summarize(d.path, d.payload)),
      h('td', {}, h('span', { class: 'badge', 'data-status': d.status }, statusText(d.status))),
      h('td', { class: 'num' }, d.httpStatus ?? '—'),
      h('td', { class: 'num' }, String(d.attempts?.length ?? 0)),
      h('td', { class: 'num' }, d.latencyMs !== undefined ? t().deliveries.ms(Math.round(d.latencyMs)) : '—'),
      h('td', { class: 'actions' }, view, replay),
    );
  }

  function renderDeliveries() {
    const m = t().deliveries;
    const wanted = filter.value;
    const list = [...store.deliveries.values()].filter((d) => !wanted || d.status === wanted).reverse();
    const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
    if (page >= pages) page = pages - 1;
    const shown = list.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const focused = document.activeElement;
    const focusKey =
      focused instanceof HTMLElement && body.contains(focused)
        ? [focused.closest('tr[data-delivery-id]')?.getAttribute('data-delivery-id'), focused.dataset.action]
        : undefined;
    /** @type {HTMLTableRowElement[]} */
    const rows = [];
    for (const d of shown) {
      rows.push(row(d));
      if (openId === String(d.id)) {
        const fresh = store.deliveries.get(openId);
        rows.push(detailRow({ ...(openDetail ?? d), ...(fresh ?? {}), payload: (openDetail ?? d).payload }));
      }
    }
    body.replaceChildren(...rows);
    empty.hidden = list.length > 0;
    setText(
      empty,
      store.deliveries.size === 0 ? (store.webhooks?.urls?.length ? m.empty : m.noTarget) : m.noMatch,
    );
    pager.hidden = list.length <= PAGE_SIZE;
    setText(
      pageLabel,
      m.page(list.length ? page * PAGE_SIZE + 1 : 0, page * PAGE_SIZE + shown.length, list.length),
    );
    newer.disabled = page === 0;
    older.disabled = page >= pages - 1;
    if (focusKey) {
      const again = body.querySelector(
        `tr[data-delivery-id="${CSS.escape(focusKey[0] ?? '')}"] [data-action="${focusKey[1] ?? ''}"]`,
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

  filter.addEventListener('change', () => {
    page = 0;
    renderDeliveries();
  });
  newer.addEventListener('click', () => {
    page = Math.max(0, page - 1);
    renderDeliveries();
  });
  older.addEventListener('click', () => {
    page += 1;
    renderDeliveries();
  });
  store.on('webhooks', () => {
    renderSettings();
    renderDeliveries();
  });
  store.on('deliveries', schedule);
  store.on('notification', addNotification);
  store.on('lang', () => {
    renderDeliveries();
    notes.replaceChildren(...store.notifications.slice(0, NOTES_SHOWN).map(noteItem));
  });
  renderSettings();
  renderDeliveries();
}
