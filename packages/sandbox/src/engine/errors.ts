import type { SandboxText } from '../i18n/messages.js';

/** An error with its message in English (`message`) and, when worded in both, Russian (`ru`). */
abstract class TextError extends Error {
  /** The message in Russian, when there is one. */
  readonly ru: string | undefined;
  constructor(text: SandboxText | string) {
    super(typeof text === 'string' ? text : text.en);
    this.ru = typeof text === 'string' ? undefined : text.ru;
  }
}

/** Thrown when an action is not possible in the call's current state (control API: 409). */
export class CallStateError extends TextError {
  constructor(text: SandboxText | string) {
    super(text);
    this.name = 'CallStateError';
  }
}

/** Thrown when a call or leg named by the control API does not exist (control API: 404). */
export class NotFoundError extends TextError {
  constructor(text: SandboxText | string) {
    super(text);
    this.name = 'NotFoundError';
  }
}
