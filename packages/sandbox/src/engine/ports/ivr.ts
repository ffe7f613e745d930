import type { PhonePolicy } from '../../office/types.js';
import type { Call } from '../model.js';

/** Incoming calls through a line's scheme: menus, DISA, prompts (reference §2.6, §4.5). */
export interface IvrPort {
  /**
   * A customer dials a line (default: the first); lists and forwarding apply, then the scheme runs.
   * `sipCallId` is the caller's SIP Call-ID, passed on for a SIP line when the office allows it.
   */
  startIncoming(
    from: string,
    line?: string,
    policy?: PhonePolicy,
    sipCallId?: string,
  ): { entry_id: string; call_id: string };
  /** The caller presses keys in a menu or DISA. Throws `CallStateError` when nothing waits for keys. */
  press(call: Call, digits: string): void;
  /** `play/start` in the IVR: the prompt delays the scheme's next step by its length plus `afterSec`. */
  play(call: Call, durationSec: number, afterSec: number): void;
  /** The call leaves the IVR (routed elsewhere): its scheme timers stop. */
  leave(call: Call): void;
}
