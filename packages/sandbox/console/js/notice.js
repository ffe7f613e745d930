// @ts-check
/** Feedback on actions: errors in an alert region, confirmations in a polite status line. */

import { byId, setText } from './dom.js';

/** @type {ReturnType<typeof setTimeout> | undefined} */
let clearTimer;

/**
 * Shows a short message; errors stay until the next message, confirmations fade after a while.
 * @param {string} message
 * @param {'error' | 'ok'} [kind]
 */
export function notify(message, kind = 'ok') {
  const status = byId('notice', HTMLElement);
  status.dataset.kind = kind;
  // Errors interrupt; confirmations wait their turn.
  status.setAttribute('aria-live', kind === 'error' ? 'assertive' : 'polite');
  // Re-setting identical text would not be announced again: clear first.
  setText(status, '');
  requestAnimationFrame(() => setText(status, message));
  if (clearTimer) clearTimeout(clearTimer);
  if (kind === 'ok') clearTimer = setTimeout(() => setText(status, ''), 6000);
}

/** Removes the message shown, if any. */
export function clearNotice() {
  if (clearTimer) clearTimeout(clearTimer);
  setText(byId('notice', HTMLElement), '');
}

/**
 * Runs an action for a control: disables it while pending, reports failures readably.
 * @param {HTMLButtonElement | HTMLFormElement | null} control
 * @param {() => Promise<unknown>} action
 * @param {string} [done] confirmation shown on success
 * @returns {Promise<boolean>} whether the action succeeded
 */
export async function run(control, action, done) {
  const buttons = control instanceof HTMLFormElement ? [...control.querySelectorAll('button')] : [control];
  for (const b of buttons) if (b) b.disabled = true;
  try {
    await action();
    if (done) notify(done);
    return true;
  } catch (error) {
    notify(error instanceof Error ? error.message : String(error), 'error');
    return false;
  } finally {
    for (const b of buttons) if (b?.isConnected) b.disabled = false;
  }
}
