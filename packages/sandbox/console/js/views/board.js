// @ts-check
/**
 * The live board: one article per call in progress, one row per leg, with the actions a
 * customer or an employee can take on it. Rows are keyed by `call_id` and patched in place, so
 * the `aria-live` region announces what changed and keyboard focus survives updates.
 */

import { api } from '../api.js';
import { byId, h, setText } from '../dom.js';
import {
  formatDirection,
  formatLocation,
  formatDuration,
  formatParty,
  formatReason,
  formatState,
  formatTime,
  shortId,
} from '../format.js';
import { language, t } from '../i18n.js';
import { run } from '../notice.js';

/** @typedef {import('../store.js').Store} Store */
/** @typedef {import('../store.js').BoardCall} BoardCall */
/** @typedef {import('../types.js').LiveLeg} LiveLeg */

/** @typedef {{ article: HTMLElement, title: HTMLElement, meta: HTMLElement, tbody: HTMLTableSectionElement, customer: HTMLElement, customerKey: string }} CallView */
/** @typedef {{ row: HTMLTableRowElement, cells: HTMLTableCellElement[], timer: HTMLElement, actionsKey: string }} LegView */

let seq = 0;

/**
 * The employee a leg belongs to on the PBX side, if any.
 * @param {LiveLeg} leg
 * @returns {string | undefined}
 */
function employeeOf(leg) {
  return leg.to?.extension || leg.from?.extension || undefined;
}

/**
 * The customer's number on a call, if a customer takes part: the caller of an incoming call,
 * the called number of an outgoing one (a callback's first leg shows the customer as `from`
 * while it rings the employee, reference §2.1).
 * @param {BoardCall} call
 * @returns {string | undefined}
 */
function customerOf(call) {
  const direction = Number(call.direction);
  if (direction === 1 && call.from?.number && !call.from.extension) return call.from.number;
  if (direction === 2 && call.to?.number && !call.to.extension) return call.to.number;
  if (direction === 0) return undefined;
  for (const leg of call.legs.values()) {
    if (leg.location !== 'abonent' && !leg.from?.extension && leg.from?.number) return leg.from.number;
  }
  return undefined;
}

/**
 * A readable title for a call: direction and parties, from the call when the page has it,
 * else from its first leg.
 * @param {BoardCall} call
 * @param {Store} store
 */
function titleOf(call, store) {
  const first = call.legs.values().next().value;
  const from = call.from ?? first?.from;
  const to = call.to ?? first?.to;
  const m = t().board;
  if (!from && !to) return m.call(shortId(call.entry_id));
  const direction = call.direction !== undefined ? `${formatDirection(call.direction)}: ` : '';
  const line = call.line_number ? store.office?.lines.find((l) => l.number === call.line_number) : undefined;
  const lineName = line?.name ? `${line.name} (${call.line_number})` : call.line_number;
  // An incoming call is addressed to the line itself: name it as a line.
  const target =
    to?.number && to.number === call.line_number ? m.line(lineName ?? '') : formatParty(to, store.office);
  const via = call.line_number && to?.number !== call.line_number ? ` · ${m.line(lineName ?? '')}` : '';
  const tracking =
    call.dct && call.dct.type !== 0 ? ` · ${m.tracking(call.dct.number ?? '', call.dct.type === 1)}` : '';
  return `${direction}${formatParty(from, store.office)} → ${target}${via}${tracking}`;
}

/**
 * Mounts the board into `#board` and keeps it current.
 * @param {Store} store
 */
export function mountBoard(store) {
  const board = byId('board', HTMLElement);
  const empty = byId('board-empty', HTMLElement);
  const count = byId('calls-count', HTMLElement);
  /** @type {Map<string, CallView>} */
  const callViews = new Map();
  /** @type {Map<string, LegView>} */
  const legViews = new Map();

  /**
   * Button that runs a control action for a leg.
   * @param {string} label visible text
   * @param {string} name accessible name (says which leg)
   * @param {string} action stable key, to put focus back after a redraw
   * @param {() => Promise<unknown>} fn
   * @param {string} [kind]
   */
  function actionButton(label, name, action, fn, kind) {
    const button = h('button', { type: 'button', 'aria-label': name, 'data-action': action, class: kind });
    button.textContent = label;
    button.addEventListener('click', () => run(button, fn));
    return button;
  }

  /**
   * The inline transfer form of a connected employee leg.
   * @param {LiveLeg} leg
   * @param {string} extension
   * @param {string} who
   */
  function transferForm(leg, extension, who) {
    const m = t().board;
    const id = `t${++seq}`;
    const target = h('input', {
      id: `${id}-to`,
      name: 'to_number',
      required: true,
      inputmode: 'tel',
      autocomplete: 'off',
      size: 10,
      placeholder: m.transferTarget,
    });
    const method = h(
      'select',
      { id: `${id}-method`, name: 'method' },
      h('option', { value: 'blind' }, m.blind),
      h('option', { value: 'hold' }, m.consult),
    );
    const form = h(
      'form',
      { class: 'inline' },
      h('label', { for: target.id }, m.transferTo),
      target,
      h('label', { for: method.id, class: 'sr-only' }, m.method),
      method,
      h('button', { type: 'submit', 'data-action': 'transfer-go' }, m.transferGo),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      run(form, () =>
        api.employee('transfer', {
          call_id: leg.call_id,
          extension,
          to_number: target.value.trim(),
          method: method.value,
        }),
      );
    });
    return h(
      'details',
      { class: 'transfer', 'data-action': 'transfer' },
      h('summary', { 'aria-label': m.transferWho(who) }, m.transfer),
      form,
    );
  }

  /**
   * The actions a leg offers in its state.
   * @param {LiveLeg} leg
   * @returns {{ key: string, nodes: Node[] }}
   */
  function actionsFor(leg) {
    const extension = employeeOf(leg);
    const who = formatParty(extension ? { extension } : leg.to, store.office);
    /** @type {Node[]} */
    const nodes = [];
    const m = t().board;
    const key = `${leg.state}|${leg.location}|${extension ?? ''}|${language()}`;
    if (leg.state === 'Disconnected') return { key, nodes };
    const ringingEmployee = leg.state === 'Appeared' && leg.to?.extension && leg.location === 'abonent';
    const ringingCustomer = leg.state === 'Appeared' && !leg.to?.extension && leg.location === 'abonent';
    if (ringingEmployee) {
      nodes.push(
        actionButton(
          m.answer,
          m.answerAs(who),
          'answer',
          () => api.employee('answer', { call_id: leg.call_id }),
          'go',
        ),
        actionButton(
          m.reject,
          m.rejectAs(who),
          'reject',
          () => api.employee('reject', { call_id: leg.call_id }),
          'stop',
        ),
      );
    } else if (ringingCustomer) {
      const number = leg.to?.number ?? m.customer;
      nodes.push(
        actionButton(
          m.customerAnswers,
          m.customerAnswersNamed(number),
          'caller-answer',
          () => api.caller('answer', { call_id: leg.call_id }),
          'go',
        ),
        actionButton(
          m.customerRejects,
          m.customerRejectsNamed(number),
          'caller-reject',
          () => api.caller('reject', { call_id: leg.call_id }),
          'stop',
        ),
      );
    } else if (leg.state === 'Connected' && extension) {
      nodes.push(
        actionButton(m.hold, m.holdAs(who), 'hold', () =>
          api.employee('hold', { call_id: leg.call_id, extension }),
        ),
        transferForm(leg, extension, who),
        actionButton(
          m.hangUp,
          m.hangUpAs(who),
          'hangup',
          () => api.employee('hangup', { call_id: leg.call_id }),
          'stop',
        ),
      );
    } else if (leg.state === 'OnHold' && extension) {
      nodes.push(
        actionButton(
          m.resume,
          m.resumeAs(who),
          'unhold',
          () => api.employee('unhold', { call_id: leg.call_id }),
          'go',
        ),
        actionButton(
          m.hangUp,
          m.hangUpAs(who),
          'hangup',
          () => api.employee('hangup', { call_id: leg.call_id }),
          'stop',
        ),
      );
    }
    return { key, nodes };
  }

  /**
   * The customer's controls for a call: press keys, hang up.
   * @param {BoardCall} call
   * @returns {HTMLElement}
   */
  function customerControls(call) {
    const number = customerOf(call);
    if (!number) return h('div', { class: 'customer' });
    const m = t().board;
    const hangup = actionButton(
      m.customerHangsUp,
      m.customerHangsUpNamed(number),
      'caller-hangup',
      () => api.caller('hangup', { entry_id: call.entry_id }),
      'stop',
    );
    // Keys go to the IVR of an incoming call; an outgoing call has no menu to press them in.
    if (Number(call.direction) === 2) {
      return h('div', { class: 'customer' }, h('span', { class: 'who' }, m.customerLabel(number)), hangup);
    }
    const id = `d${++seq}`;
    const digits = h('input', {
      id,
      name: 'digits',
      inputmode: 'numeric',
      pattern: '[0-9*#]+',
      required: true,
      size: 6,
      autocomplete: 'off',
    });
    const form = h(
      'form',
      { class: 'inline', 'aria-label': m.customerPresses(number) },
      h('label', { for: id }, m.keys),
      digits,
      h('button', { type: 'submit', 'data-action': 'dtmf' }, m.press),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      run(form, async () => {
        await api.caller('dtmf', { entry_id: call.entry_id, digits: digits.value.trim() });
        digits.value = '';
      });
    });
    return h(
      'div',
      { class: 'customer' },
      h('span', { class: 'who' }, m.customerLabel(number)),
      form,
      hangup,
    );
  }

  /**
   * @param {BoardCall} call
   * @returns {CallView}
   */
  function createCallView(call) {
    const m = t().board;
    const titleId = `call-${++seq}`;
    const title = h('h3', { id: titleId, class: 'call-title' });
    const meta = h('p', { class: 'meta' });
    const tbody = h('tbody');
    const customer = h('div', { class: 'customer' });
    const article = h(
      'article',
      { class: 'call', 'aria-labelledby': titleId, 'data-entry-id': call.entry_id },
      h('header', {}, title, meta),
      customer,
      h(
        'div',
        { class: 'legs-wrap' },
        h(
          'table',
          { class: 'legs' },
          h('caption', { class: 'sr-only' }, m.legsCaption),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, m.colLeg),
              h('th', { scope: 'col' }, m.colWhere),
              h('th', { scope: 'col' }, m.colFrom),
              h('th', { scope: 'col' }, m.colTo),
              h('th', { scope: 'col' }, m.colState),
              h('th', { scope: 'col' }, m.colActions),
            ),
          ),
          tbody,
        ),
      ),
    );
    return { article, title, meta, tbody, customer, customerKey: '' };
  }

  /**
   * @param {LiveLeg} leg
   * @returns {LegView}
   */
  function createLegView(leg) {
    const cells = [
      h('td'),
      h('td'),
      h('td'),
      h('td'),
      h('td', { class: 'state' }),
      h('td', { class: 'actions' }),
    ];
    const timer = h('span', { class: 'timer', 'aria-hidden': 'true' });
    const row = h('tr', { 'data-call-id': leg.call_id }, cells);
    return { row, cells, timer, actionsKey: '' };
  }

  /**
   * @param {LegView} view
   * @param {LiveLeg} leg
   */
  function patchLeg(view, leg) {
    const [idCell, whereCell, fromCell, toCell, stateCell, actionsCell] = view.cells;
    if (!idCell || !whereCell || !fromCell || !toCell || !stateCell || !actionsCell) return;
    setText(idCell, shortId(leg.call_id));
    idCell.title = leg.call_id;
    setText(whereCell, formatLocation(leg.location));
    setText(fromCell, formatParty(leg.from, store.office));
    setText(toCell, formatParty(leg.to, store.office));
    const words = [formatState(leg.state)];
    if (leg.state === 'Disconnected' && leg.disconnect_reason)
      words.push(`(${formatReason(leg.disconnect_reason, store.codes)})`);
    if (leg.manual) words.push(t().board.live);
    if (leg.recording_id) words.push(t().board.recording);
    const label = words.join(' ');
    let badge = stateCell.querySelector('.badge');
    if (!badge) {
      badge = h('span', { class: 'badge' });
      stateCell.append(badge, ' ', view.timer);
    }
    badge.setAttribute('data-state', leg.state);
    setText(badge, label);
    view.row.dataset.state = leg.state;

    const { key, nodes } = actionsFor(leg);
    if (key !== view.actionsKey) {
      const focused = document.activeElement;
      const hadFocus = focused instanceof HTMLElement && actionsCell.contains(focused);
      const focusedAction = hadFocus ? focused.closest('[data-action]')?.getAttribute('data-action') : null;
      actionsCell.replaceChildren(...nodes);
      view.actionsKey = key;
      if (hadFocus) {
        const next =
          (focusedAction && actionsCell.querySelector(`[data-action="${focusedAction}"]`)) ||
          actionsCell.querySelector('button, summary') ||
          view.row.closest('article');
        if (next instanceof HTMLElement) next.focus();
      }
    }
  }

  /** Refreshes the running timers (hidden from screen readers: they would chatter). */
  function tick() {
    const nowSec = store.nowMs() / 1000;
    for (const call of store.calls.values()) {
      for (const leg of call.legs.values()) {
        const view = legViews.get(leg.call_id);
        if (!view) continue;
        const since = leg.state === 'Appeared' || !leg.answered ? leg.started : leg.answered;
        setText(view.timer, leg.state !== 'Disconnected' && since ? formatDuration(nowSec - since) : '');
      }
    }
  }

  /** @param {BoardCall} call */
  function renderCall(call) {
    let view = callViews.get(call.entry_id);
    if (!view) {
      view = createCallView(call);
      callViews.set(call.entry_id, view);
      board.append(view.article);
    }
    setText(view.title, titleOf(call, store));
    const started = call.create_time ?? call.legs.values().next().value?.started;
    setText(view.meta, t().board.started(shortId(call.entry_id), formatTime(started, store.nowMs() / 1000)));
    view.meta.title = call.entry_id;
    const customerKey = `${customerOf(call) ?? ''}|${call.direction ?? ''}|${language()}`;
    if (customerKey !== view.customerKey) {
      const next = customerControls(call);
      view.customer.replaceWith(next);
      view.customer = next;
      view.customerKey = customerKey;
    }
    for (const leg of call.legs.values()) {
      let legView = legViews.get(leg.call_id);
      if (!legView) {
        legView = createLegView(leg);
        legViews.set(leg.call_id, legView);
        view.tbody.append(legView.row);
      }
      patchLeg(legView, leg);
    }
  }

  /** @param {unknown} detail the changed `entry_id`, or null for everything */
  function render(detail) {
    const only = typeof detail === 'string' ? detail : undefined;
    for (const [entryId, view] of callViews) {
      if (store.calls.has(entryId)) continue;
      if (view.article.contains(document.activeElement)) board.focus();
      view.article.remove();
      callViews.delete(entryId);
      for (const row of view.tbody.querySelectorAll('tr')) legViews.delete(row.dataset.callId ?? '');
    }
    for (const call of store.calls.values()) {
      if (only === undefined || only === call.entry_id) renderCall(call);
    }
    empty.hidden = store.calls.size > 0;
    setText(count, String(store.calls.size));
    tick();
  }

  store.on('calls', render);
  store.on('office', () => render(null));
  // Another language: every call is drawn again (headers and labels included).
  store.on('lang', () => {
    for (const view of callViews.values()) view.article.remove();
    callViews.clear();
    legViews.clear();
    render(null);
  });
  store.on('clock', tick);
  setInterval(tick, 1000);
  render(null);
}
