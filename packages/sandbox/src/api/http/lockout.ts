/** Length of the lock-out window, seconds (reference §1.3, DOC-2026 §1.4.1). */
export const LOCKOUT_WINDOW_SEC = 120;

/**
 * The invalid-request lock-out of reference §1.3: one invalid (3xxx) request per two minutes
 * is tolerated; the next one within the window is answered HTTP 401, and so is every request
 * until two minutes after the first invalid one. Times are the engine clock (Unix seconds),
 * so tests can step past the window.
 *
 * What counts: only requests signed with the office's key and salt whose answer is a 3xxx
 * code. A request that carries the key but a wrong signature is answered 401/3102 and does not
 * count: the key is not a secret (it travels in clear in every request and every
 * notification), so counting forged requests would let anyone who saw it lock the API for two
 * minutes with two requests. The vendor's text (DOC-2026 §1.4.1, Medium confidence) does not
 * say whether it counts unsigned requests; the reference's "a buggy signer can lock the key
 * out" (§9 item 13) is inferred. A client with a broken signer still fails on every request.
 *
 * The lock-out belongs to the office it was earned on: loading or resetting the office
 * (`PUT /_sandbox/office`, `POST /_sandbox/office/reset`) starts afresh.
 */
/** The lock-out as `GET /_sandbox/state` shows it (times are engine Unix seconds). */
export interface LockoutStatus {
  /** Every API request is answered 401 now. */
  locked: boolean;
  /** When the lock-out ends, while locked. */
  until: number | null;
  /** While not locked: one invalid request was seen, and a second before this time locks the key. */
  window_until: number | null;
}

export class Lockout {
  private windowStart: number | undefined;
  private lockedUntil: number | undefined;
  private office: object | undefined;

  /** True while the key of `office` is locked out at `now`. */
  locked(now: number, office: object): boolean {
    this.follow(office);
    return this.lockedUntil !== undefined && now < this.lockedUntil;
  }

  /** Records an invalid signed request; answers true when it trips the lock-out (answer 401 instead). */
  recordInvalid(now: number, office: object): boolean {
    this.follow(office);
    if (this.windowStart === undefined || now - this.windowStart >= LOCKOUT_WINDOW_SEC) {
      this.windowStart = now;
      return false;
    }
    this.lockedUntil = this.windowStart + LOCKOUT_WINDOW_SEC;
    return true;
  }

  /**
   * The lock-out of `office` at `now`, for people (`GET /_sandbox/state`): locked until when, or
   * when the window of a first invalid request closes (a second one before then locks the key).
   */
  status(now: number, office: object): LockoutStatus {
    const locked = this.locked(now, office);
    const windowOpen = this.windowStart !== undefined && now - this.windowStart < LOCKOUT_WINDOW_SEC;
    return {
      locked,
      until: locked ? (this.lockedUntil ?? null) : null,
      window_until: !locked && windowOpen ? (this.windowStart ?? 0) + LOCKOUT_WINDOW_SEC : null,
    };
  }

  /** Forgets every invalid request. */
  reset(): void {
    this.windowStart = undefined;
    this.lockedUntil = undefined;
  }

  /** Another office was loaded (or the office was reset to a fresh copy): start afresh. */
  private follow(office: object): void {
    if (office === this.office) return;
    this.office = office;
    this.reset();
  }
}
