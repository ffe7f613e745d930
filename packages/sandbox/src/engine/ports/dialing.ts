import type { DialSpec, HuntHandle } from '../model.js';

/** Rings targets: an employee's devices, a group hunted by its algorithm (with its queue), or a number. */
export interface Dialing {
  /** Starts ringing `spec.target` on behalf of `spec.a`. */
  dial(spec: DialSpec): HuntHandle;
}
