// @ts-check
/** History: finished calls with outcome, durations and their recordings playable in place. */

import { api, recordingDownloadUrl, recordingSources } from '../api.js';
import { byId, h, setText } from '../dom.js';
import {
  formatDirection,
  formatDuration,
  formatParty,
  formatReason,
  formatTime,
  shortId,
} from '../format.js';
import { language, t } from '../i18n.js';
import { run } from '../notice.js';

/** @typedef {import('../store.js').Store} Store */
/** @typedef {import('../types.js').CallRecord} CallRecord */

/** How many of the newest calls preload their recordings' metadata. */
const EAGER_ROWS = 5;

/**
 * Recording ids of a finished call, in leg order, without duplicates.
 * @param {CallRecord} call
 * @returns {string[]}
 */
export function recordingsOf(call) {
  const ids = new Set();
  for (const leg of call.legs ?? []) for (const id of leg.records ?? []) if (id) ids.add(id);
  return [...ids];
}

/**
 * Seconds of conversation: `talk_time` is the moment talk began, not a length (reference §4.2).
 * @param {CallRecord} call
 * @returns {number}
 */
export function talkSeconds(call) {
  return call.talk_time > 0 && call.end_time >= call.talk_time ? call.end_time - call.talk_time : 0;
}

/**
 * Mounts the History section.
 * @param {Store} store
 */
export function mountHistory(store) {
  const body = byId('history-body', HTMLTableSectionElement);
  const empty = byId('history-empty', HTMLElement);
  const refresh = byId('history-refresh', HTMLButtonElement);
  /** Rows already drawn, by entry_id: an `<audio>` keeps playing across redraws. */
  /** @type {Map<string, { row: HTMLTableRowElement, key: string }>} */
  const rows = new Map();

  /**
   * @param {CallRecord} call
   * @param {string[]} recordings
   * @param {boolean} eager whether the players fetch their audio's metadata at once
   */
  function row(call, recordings, eager) {
    const nowSec = store.nowMs() / 1000;
    const m = t().history;
    const answered = Number(call.entry_result) === 1;
    const players = recordings.map((id, i) => {
      const rec = store.recordings.get(id);
      const label = m.recordingOf(i + 1, formatParty(call.from, store.office));
      // The length is known before anyone plays it: the sandbox's recording list has it.
      const duration = rec ? formatDuration(rec.duration_sec) : '';
      return h(
        'div',
        { class: 'recording' },
        h(
          'span',
          { class: 'duration', 'data-recording-id': id, title: duration ? m.duration(duration) : false },
          duration || '…',
        ),
        h(
          'audio',
          {
            controls: true,
            preload: eager ? 'metadata' : 'none',
            'aria-label': label,
            'data-recording-id': id,
          },
          recordingSources(id).map((src) => h('source', { src, type: 'audio/mpeg' })),
          m.noMp3,
        ),
        h(
          'a',
          { href: recordingDownloadUrl(id), download: `${id}.mp3`, 'aria-label': m.download(label) },
          'mp3',
        ),
      );
    });
    return h(
      'tr',
      { 'data-entry-id': call.entry_id },
      h('td', {}, formatTime(call.create_time, nowSec)),
      h('td', {}, formatDirection(call.call_direction)),
      h('th', { scope: 'row' }, formatParty(call.from, store.office)),
      h('td', {}, formatParty(call.to, store.office), call.line_number ? m.line(call.line_number) : ''),
      h('td', { class: 'num talk' }, formatDuration(talkSeconds(call))),
      h(
        'td',
        {},
        h(
          'span',
          { class: 'badge', 'data-outcome': answered ? 'answered' : 'missed' },
          answered ? m.answered : m.missed,
        ),
      ),
      h('td', {}, formatReason(call.disconnect_reason, store.codes)),
      h('td', { class: 'num', title: call.entry_id }, shortId(call.entry_id)),
      h('td', { class: 'recordings' }, players.length ? players : '—'),
    );
  }

  function render() {
    const seen = new Set();
    /** @type {HTMLTableRowElement[]} */
    const ordered = [];
    for (const [index, call] of store.history.entries()) {
      const recordings = recordingsOf(call);
      const key = `${call.end_time}|${recordings.join(',')}|${recordings.map((r) => store.recordings.get(r)?.duration_sec).join()}|${store.codes.size}|${language()}`;
      let drawn = rows.get(call.entry_id);
      if (!drawn || drawn.key !== key) {
        // Only the newest rows load audio up front: the vendor-style file links are rate-limited.
        const next = row(call, recordings, index < EAGER_ROWS);
        drawn?.row.replaceWith(next);
        drawn = { row: next, key };
        rows.set(call.entry_id, drawn);
      }
      seen.add(call.entry_id);
      ordered.push(drawn.row);
    }
    for (const id of [...rows.keys()]) if (!seen.has(id)) rows.delete(id);
    // Re-append in order; moving a node keeps an <audio> element's state.
    ordered.forEach((r, i) => {
      if (body.children[i] !== r) body.insertBefore(r, body.children[i] ?? null);
    });
    while (body.children.length > ordered.length) body.lastElementChild?.remove();
    empty.hidden = store.history.length > 0;
    setText(byId('history-count', HTMLElement), String(store.history.length));
  }

  refresh.addEventListener('click', () =>
    run(refresh, async () => {
      const [calls, recordings] = await Promise.all([api.history(100), api.recordings()]);
      store.setRecordings(recordings);
      store.setHistory(calls);
    }),
  );

  /**
   * A finished call may name recordings the page has not heard of yet (a recording is complete,
   * with its length, a moment after the call ends): fetch the list once per unknown id, and again
   * when an `events/recording` notification says one completed.
   */
  let fetching = false;
  /** Ids already looked up, so an unknown id does not cause a request loop. */
  const asked = new Set();
  async function fetchRecordings() {
    if (fetching) return;
    fetching = true;
    try {
      store.setRecordings(await api.recordings());
    } catch {
      // the players work without the lengths
    } finally {
      fetching = false;
    }
  }
  function fillRecordings() {
    const missing = store.history
      .flatMap(recordingsOf)
      .filter((id) => !store.recordings.has(id) && !asked.has(id));
    if (missing.length === 0) return;
    for (const id of missing) asked.add(id);
    fetchRecordings();
  }

  store.on('history', () => {
    render();
    fillRecordings();
  });
  store.on('notification', () => {
    const newest = store.notifications[0];
    const p = /** @type {{ recording_state?: unknown, recording_id?: unknown } | undefined} */ (
      newest?.payload
    );
    if (newest?.path === 'events/recording' && p?.recording_state === 'Completed') {
      // Wait a moment: the sandbox lists the recording once its notification is out.
      setTimeout(fetchRecordings, 200);
    }
  });
  store.on('office', render);
  store.on('lang', render);
  render();
}
