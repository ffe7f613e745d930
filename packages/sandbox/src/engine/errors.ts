/** Thrown when an action is not possible in the call's current state (control API: 409). */
export class CallStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallStateError';
  }
}

/** Thrown when a call or leg named by the control API does not exist (control API: 404). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
