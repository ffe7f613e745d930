import { randomBytes } from 'node:crypto';

/**
 * Opaque ids in the vendor's style (base64 of an internal key, reference §4.1: opaque, unique
 * for the service lifetime). A random prefix keeps ids of two sandboxes from colliding.
 */
export class IdGenerator {
  private n = 0;
  private readonly prefix = randomBytes(3).toString('hex');

  /** A new id of the given kind (`entry`, `call`, `rec`, `cmd`). */
  next(kind: string): string {
    this.n += 1;
    return Buffer.from(`${kind}:${this.prefix}:${this.n}`).toString('base64');
  }
}
