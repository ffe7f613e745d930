// @ts-check
/** The office: employees with what each is doing now, groups, lines; reset to the demo office. */

import { ControlError, api } from '../api.js';
import { byId, h, setText } from '../dom.js';
import { formatParty } from '../format.js';
import { language, t } from '../i18n.js';
import { notify, run } from '../notice.js';

/** @typedef {import('../store.js').Store} Store */
/** @typedef {import('../types.js').Employee} Employee */

/**
 * What an employee's phone does when nobody drives it.
 * @param {Employee} employee
 */
function policyText(employee) {
  const p = employee.policy;
  if (!p) return '';
  const m = t().office;
  switch (p.onRing) {
    case 'answer':
      return m.answersAfter(p.answerAfterSec ?? 0, p.hangupAfterSec);
    case 'never':
      return m.never;
    case 'busy':
      return m.alwaysBusy;
    case 'dnd':
      return m.dnd;
    case 'reject':
      return m.rejects;
    default:
      return p.onRing;
  }
}

/**
 * Mounts the Office section.
 * @param {Store} store
 */
export function mountOffice(store) {
  const employees = byId('employees-body', HTMLTableSectionElement);
  const groups = byId('groups-body', HTMLTableSectionElement);
  const lines = byId('lines-body', HTMLTableSectionElement);
  const name = byId('office-name', HTMLElement);
  /** @type {Map<string, HTMLElement>} */
  const statusCells = new Map();

  /** @param {Employee} employee */
  function manualToggle(employee) {
    const extension = employee.extension;
    if (!extension) return '';
    const id = `manual-${extension}`;
    const box = h('input', { type: 'checkbox', id, checked: store.manual.has(extension) });
    box.addEventListener('change', async () => {
      const manual = box.checked;
      const ok = await run(
        null,
        () => api.employee('manual', { extension, manual }),
        manual ? t().office.waitsForConsole(employee.name) : t().office.followsPolicy(employee.name),
      );
      if (!ok) box.checked = !manual;
      else if (manual) store.manual.add(extension);
      else store.manual.delete(extension);
    });
    return h('span', { class: 'toggle' }, box, h('label', { for: id }, t().office.answerFromConsole));
  }

  function renderStatus() {
    const office = store.office;
    if (!office) return;
    for (const employee of office.employees) {
      const cell = statusCells.get(String(employee.user_id));
      if (!cell) continue;
      const now = store.activityOf(employee.extension);
      const m = t().office;
      let text = m.free;
      let kind = 'free';
      if (now) {
        const other = now.leg.to?.extension === employee.extension ? now.leg.from : now.leg.to;
        text = `${m.activity[now.activity]} · ${formatParty(other, office)}`;
        kind = now.activity.replace(' ', '-');
      } else if (employee.policy?.onRing === 'dnd' || employee.cc_status === 2) {
        text = m.dnd;
        kind = 'dnd';
      } else if (employee.policy?.onRing === 'busy') {
        text = m.busy;
        kind = 'busy';
      }
      cell.dataset.kind = kind;
      setText(cell, text);
    }
  }

  function render() {
    const office = store.office;
    if (!office) return;
    setText(name, office.name);
    statusCells.clear();
    employees.replaceChildren(
      ...office.employees.map((e) => {
        const status = h('span', { class: 'presence' });
        statusCells.set(String(e.user_id), status);
        return h(
          'tr',
          { 'data-extension': e.extension ?? '' },
          h('th', { scope: 'row' }, e.name),
          h('td', { class: 'num' }, e.extension ?? '—'),
          h('td', {}, [e.department, e.position].filter(Boolean).join(' · ')),
          h(
            'td',
            {},
            policyText(e),
            e.recording && e.recording !== 'none'
              ? ` · ${t().office.records(/** @type {Record<string, string>} */ (t().office.recordingModes)[e.recording] ?? e.recording)}`
              : '',
          ),
          h('td', {}, status),
          h('td', {}, manualToggle(e)),
        );
      }),
    );
    const byUser = new Map(office.employees.map((e) => [e.user_id, e]));
    groups.replaceChildren(
      ...office.groups.map((g) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, g.name),
          h('td', { class: 'num' }, g.extension ?? '—'),
          h(
            'td',
            {},
            /** @type {Record<number, string>} */ (t().office.algorithms)[g.dial_alg_group ?? -1] ??
              String(g.dial_alg_group ?? ''),
          ),
          h(
            'td',
            {},
            (g.operators ?? [])
              .map((o) => {
                const e = byUser.get(o.id);
                return e ? `${e.extension ?? ''} ${e.name}`.trim() : `#${o.id}`;
              })
              .join(', '),
          ),
          h(
            'td',
            {},
            g.queue ? t().office.queueOf(g.queue.max_size, g.queue.max_wait_sec) : t().office.noQueue,
          ),
        ),
      ),
    );
    const schemes = new Map((office.schemes ?? []).map((s) => [s.schema_id, s.name]));
    lines.replaceChildren(
      ...office.lines.map((l) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', class: 'num' }, l.number),
          h('td', {}, l.name ?? ''),
          h('td', {}, l.region ?? ''),
          h('td', {}, l.schema_id !== undefined ? (schemes.get(l.schema_id) ?? `#${l.schema_id}`) : '—'),
        ),
      ),
    );
    renderStatus();
  }

  const reset = byId('office-reset', HTMLButtonElement);
  reset.addEventListener('click', () => {
    if (!window.confirm(t().office.confirmReset)) return;
    run(reset, () => api.resetOffice(true), t().office.demoLoaded).catch((e) => notify(String(e), 'error'));
  });

  const loadForm = byId('office-load-form', HTMLFormElement);
  const file = byId('office-file', HTMLInputElement);
  const text = byId('office-text', HTMLTextAreaElement);
  const issues = byId('office-issues', HTMLElement);
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (chosen) text.value = await chosen.text();
  });
  /** @type {ControlError['issues']} the issues of the office last refused, shown until the next load */
  let shownIssues = [];
  /** Lists the issues in the language in use (again after a switch). */
  function showIssues() {
    if (shownIssues.length === 0) {
      issues.replaceChildren();
      return;
    }
    issues.replaceChildren(
      h('p', {}, t().office.notLoaded(shownIssues.length)),
      h(
        'ul',
        {},
        shownIssues.map((i) =>
          h(
            'li',
            {},
            h('code', {}, i.path || t().office.root),
            ' ',
            language() === 'ru' && i.message_ru ? i.message_ru : i.message,
          ),
        ),
      ),
    );
  }

  loadForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const source = text.value;
    // JSON is a subset of YAML, but the sandbox reports JSON errors better when told.
    const body = source.trim().startsWith('{') ? { json: source } : { yaml: source };
    shownIssues = [];
    showIssues();
    run(loadForm, async () => {
      try {
        const answer = await api.loadOffice(body);
        notify(t().office.loaded(answer.name));
      } catch (error) {
        if (error instanceof ControlError && error.issues.length > 0) {
          shownIssues = error.issues;
          showIssues();
          // The notice says it short, in the reader's language; the list above has the detail.
          throw new ControlError(error.status, t().office.notLoaded(error.issues.length), error.issues);
        }
        throw error;
      }
    });
  });

  store.on('office', render);
  store.on('lang', render);
  store.on('lang', showIssues);
  store.on('calls', renderStatus);
  render();
}
