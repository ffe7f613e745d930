import { toneMp3 } from './toneMp3.js';

/** Bytes of MP3 kept in memory (16 kbit/s: about nine hours of audio). */
const CACHE_BYTES = 64 * 1024 * 1024;

/**
 * MP3 bytes per recording length, least recently used dropped first past `CACHE_BYTES` (a file
 * depends only on its duration, so recordings of the same length share one buffer).
 */
export class RecordingAudio {
  private readonly cache = new Map<number, Buffer>();
  private bytes = 0;

  constructor(private readonly budget = CACHE_BYTES) {}

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
    const mp3 = toneMp3(key / 1000);
    this.cache.set(key, mp3);
    this.bytes += mp3.length;
    for (const [k, v] of this.cache) {
      if (this.bytes <= this.budget || k === key) break;
      this.cache.delete(k);
      this.bytes -= v.length;
    }
    return mp3;
  }

  /** Bytes held now. */
  get size(): number {
    return this.bytes;
  }
}
