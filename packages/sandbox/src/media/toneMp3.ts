import { Mp3Encoder } from '@breezystack/lamejs';
import { readMp3 } from './mp3Frames.js';

/** Output format: MPEG-2.5 Layer III, 8 kHz mono, 16 kbit/s CBR — telephone quality, 2 KB a second. */
export const MP3_SAMPLE_RATE = 8000;
const KBPS = 16;
const SAMPLES_PER_FRAME = 576;
/** A 250 Hz tone: 32 samples a period, so every frame holds the same 18 periods. */
const TONE_HZ = 250;
/** About −30 dBFS: audible but quiet. */
const AMPLITUDE = 1000;
const WARMUP_FRAMES = 80;

interface ToneTemplate {
  /** The encoder's start-up frames, before its output settles. */
  head: Buffer[];
  /** The frame the encoder repeats once settled: same input, same reservoir state, same bytes. */
  steady: Buffer;
}

let template: ToneTemplate | undefined;

/**
 * Encodes a few seconds of the tone once with LAME and finds where its frames become identical;
 * any length is then that head plus the steady frame repeated (a valid stream, as the encoder
 * would have produced it) instead of re-encoding minutes of audio per recording.
 */
function toneTemplate(): ToneTemplate {
  if (template) return template;
  const encoder = new Mp3Encoder(1, MP3_SAMPLE_RATE, KBPS);
  const pcm = new Int16Array(WARMUP_FRAMES * SAMPLES_PER_FRAME);
  for (let i = 0; i < pcm.length; i++) {
    pcm[i] = Math.round(AMPLITUDE * Math.sin((2 * Math.PI * TONE_HZ * i) / MP3_SAMPLE_RATE));
  }
  const encoded = Buffer.from(encoder.encodeBuffer(pcm));
  const frames = readMp3(encoded).frames.map((f) => encoded.subarray(f.offset, f.offset + f.size));
  const last = frames[frames.length - 1];
  if (!last) throw new Error('the MP3 encoder produced no frames');
  let start = frames.length - 1;
  while (start > 0 && frames[start - 1]!.equals(last)) start--;
  if (frames.length - start < 4) throw new Error('the MP3 encoder output did not settle');
  template = { head: frames.slice(0, start), steady: Buffer.from(last) };
  return template;
}

/** Number of frames for a duration (each frame is 72 ms). */
export function framesFor(durationSec: number): number {
  return Math.max(1, Math.round((durationSec * MP3_SAMPLE_RATE) / SAMPLES_PER_FRAME));
}

/** A real MP3 (quiet 250 Hz tone) lasting `durationSec` seconds, to within half a frame (36 ms). */
export function toneMp3(durationSec: number): Buffer {
  const { head, steady } = toneTemplate();
  const count = framesFor(durationSec);
  const used = head.slice(0, count);
  const out = Buffer.allocUnsafe(
    used.reduce((n, f) => n + f.length, 0) + (count - used.length) * steady.length,
  );
  let offset = 0;
  for (const frame of used) offset += frame.copy(out, offset);
  for (let i = used.length; i < count; i++) offset += steady.copy(out, offset);
  return out;
}
