import { toneMp3 } from './toneMp3.js';

const CACHE_SIZE = 32;

/**
 * MP3 bytes per recording length, kept for the most recent lengths (a file depends only on its
 * duration, so recordings of the same length share one buffer).
 */
export class RecordingAudio {
  private readonly cache = new Map<number, Buffer>();

  /** The MP3 for a recording of `durationSec` seconds. */
  mp3(durationSec: number): Buffer {
    const key = Math.max(0, Math.round(durationSec * 1000));
    const hit = this.cache.get(key);
    if (hit) {
      // Refresh its place in the least-recently-used order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const bytes = toneMp3(key / 1000);
    this.cache.set(key, bytes);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as number);
    return bytes;
  }
}
