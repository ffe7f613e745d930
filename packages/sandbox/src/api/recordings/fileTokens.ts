import { randomBytes } from 'node:crypto';

/** Lifetime of a one-time file link, engine seconds ("short-lived", reference §3.3.1). */
export const FILE_LINK_TTL_SEC = 300;
const MAX_LINKS = 10_000;

/** What a one-time file link serves. */
export interface FileLink {
  recordingId: string;
  action: 'download' | 'play';
  expiresAt: number;
}

/** One-time, short-lived file links (`/files/<token>`) as the vendor's file service hands out. */
export class FileTokens {
  private readonly links = new Map<string, FileLink>();

  /** Issues a new token for a recording. */
  issue(recordingId: string, action: 'download' | 'play', now: number): string {
    for (const [token, link] of this.links) {
      if (link.expiresAt <= now || this.links.size >= MAX_LINKS) this.links.delete(token);
      else break;
    }
    const token = randomBytes(24).toString('base64url');
    this.links.set(token, { recordingId, action, expiresAt: now + FILE_LINK_TTL_SEC });
    return token;
  }

  /** The link behind a token without using it up (HEAD requests). */
  peek(token: string, now: number): FileLink | undefined {
    const link = this.links.get(token);
    return link && link.expiresAt > now ? link : undefined;
  }

  /** Uses a token up: a second use finds nothing (reference §3.3.1 "one-time"). */
  take(token: string, now: number): FileLink | undefined {
    const link = this.peek(token, now);
    this.links.delete(token);
    return link;
  }
}
