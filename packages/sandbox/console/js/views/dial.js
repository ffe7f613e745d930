// @ts-check
/** Starting calls: a customer dials a line, or an employee calls a number (callback). */

import { api } from '../api.js';
import { byId, h } from '../dom.js';
import { t } from '../i18n.js';
import { run } from '../notice.js';

/** @typedef {import('../store.js').Store} Store */

/**
 * Fills a select with options, keeping the current choice when it still exists.
 * @param {HTMLSelectElement} select
 * @param {{ value: string, label: string }[]} options
 */
function fillSelect(select, options) {
  const current = select.value;
  select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  if (options.some((o) => o.value === current)) select.value = current;
}

/**
 * Wires the two call forms of the Calls section.
 * @param {Store} store
 */
export function mountDial(store) {
  const dialForm = byId('dial-form', HTMLFormElement);
  const from = byId('dial-from', HTMLInputElement);
  const line = byId('dial-line', HTMLSelectElement);
  const digits = byId('dial-digits', HTMLInputElement);

  dialForm.addEventListener('submit', (event) => {
    event.preventDefault();
    /** @type {{ from: string, line?: string, policy?: Record<string, unknown> }} */
    const body = { from: from.value.trim() };
    if (line.value) body.line = line.value;
    const keys = digits.value.trim();
    if (keys) body.policy = { onRing: 'answer', digits: keys };
    run(dialForm, () => api.incoming(body), t().dial.calling(body.from, body.line ?? t().dial.firstLine));
  });

  const outForm = byId('callback-form', HTMLFormElement);
  const extension = byId('callback-ext', HTMLSelectElement);
  const to = byId('callback-to', HTMLInputElement);
  const outLine = byId('callback-line', HTMLSelectElement);
  outForm.addEventListener('submit', (event) => {
    event.preventDefault();
    /** @type {{ extension: string, to_number: string, line_number?: string }} */
    const body = { extension: extension.value, to_number: to.value.trim() };
    if (outLine.value) body.line_number = outLine.value;
    run(outForm, () => api.callback(body), t().dial.calling(body.extension, body.to_number));
  });

  function fill() {
    const office = store.office;
    if (!office) return;
    const lines = office.lines.map((l) => ({
      value: l.number,
      label: l.name ? `${l.number} — ${l.name}` : l.number,
    }));
    fillSelect(line, lines);
    fillSelect(outLine, [{ value: '', label: t().dial.employeeDefault }, ...lines]);
    fillSelect(
      extension,
      office.employees
        .filter((e) => e.extension)
        .map((e) => ({ value: String(e.extension), label: `${e.extension} — ${e.name}` })),
    );
  }
  store.on('office', fill);
  store.on('lang', fill);
  fill();
}
