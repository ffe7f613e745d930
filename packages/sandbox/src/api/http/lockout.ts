/** Length of the lock-out window, seconds (reference §1.3, DOC-2026 §1.4.1). */
export const LOCKOUT_WINDOW_SEC = 120;

/**
 * The invalid-request lock-out of reference §1.3: one invalid (3xxx) request per two minutes
 * is tolerated; the next one within the window is answered HTTP 401, and so is every request
 * until two minutes after the first invalid one. Times are the engine clock (Unix seconds),
 * so tests can step past the window.
 */
export class Lockout {
  private windowStart: number | undefined;
  private lockedUntil: number | undefined;

  /** True while the key is locked out at `now`. */
  locked(now: number): boolean {
    return this.lockedUntil !== undefined && now < this.lockedUntil;
  }

  /** Records an invalid request; answers true when it trips the lock-out (answer 401 instead). */
  recordInvalid(now: number): boolean {
    if (this.windowStart === undefined || now - this.windowStart >= LOCKOUT_WINDOW_SEC) {
      this.windowStart = now;
      return false;
    }
    this.lockedUntil = this.windowStart + LOCKOUT_WINDOW_SEC;
    return true;
  }

  /** Forgets every invalid request (a reset of the office). */
  reset(): void {
    this.windowStart = undefined;
    this.lockedUntil = undefined;
  }
}
