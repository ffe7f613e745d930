/** One MPEG audio Layer III frame found in a byte stream. */
export interface Mp3Frame {
  offset: number;
  size: number;
  sampleRate: number;
  bitrateKbps: number;
  samples: number;
}

/** What a Layer III stream holds, read frame by frame (no trust in any header tag). */
export interface Mp3Info {
  frames: Mp3Frame[];
  sampleRate: number;
  /** Sum of the frames' samples over the sample rate. */
  durationSec: number;
  /** Bytes after the last whole frame (0 for a clean stream). */
  trailingBytes: number;
}

/** Thrown when bytes are not a Layer III stream. */
export class Mp3FormatError extends Error {
  override name = 'Mp3FormatError';
}

const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES: Record<number, readonly number[]> = {
  3: [44100, 48000, 32000], // MPEG-1
  2: [22050, 24000, 16000], // MPEG-2
  0: [11025, 12000, 8000], // MPEG-2.5
};

/** Reads the Layer III frame header at `offset`, or undefined when there is none. */
export function readFrameHeader(bytes: Uint8Array, offset: number): Mp3Frame | undefined {
  if (offset + 4 > bytes.length) return undefined;
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 3;
  const layer = (b1 >> 1) & 3;
  if (version === 1 || layer !== 1) return undefined;
  const bitrateKbps = (version === 3 ? BITRATES_V1 : BITRATES_V2)[b2 >> 4];
  const sampleRate = SAMPLE_RATES[version]?.[(b2 >> 2) & 3];
  if (!bitrateKbps || !sampleRate) return undefined;
  const padding = (b2 >> 1) & 1;
  const samples = version === 3 ? 1152 : 576;
  const size = Math.floor(((samples / 8) * bitrateKbps * 1000) / sampleRate) + padding;
  return { offset, size, sampleRate, bitrateKbps, samples };
}

/** Walks a Layer III stream frame by frame from its first byte (an ID3v2 tag is skipped). */
export function readMp3(bytes: Uint8Array): Mp3Info {
  let offset = 0;
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33 && bytes.length >= 10) {
    // ID3v2: 10-byte header, then a synchsafe size.
    offset =
      10 +
      (((bytes[6]! & 0x7f) << 21) |
        ((bytes[7]! & 0x7f) << 14) |
        ((bytes[8]! & 0x7f) << 7) |
        (bytes[9]! & 0x7f));
  }
  const frames: Mp3Frame[] = [];
  while (offset < bytes.length) {
    const frame = readFrameHeader(bytes, offset);
    if (!frame || offset + frame.size > bytes.length) break;
    frames.push(frame);
    offset += frame.size;
  }
  const first = frames[0];
  if (!first) throw new Mp3FormatError('no MPEG Layer III frame at the start of the data');
  const samples = frames.reduce((sum, f) => sum + f.samples, 0);
  return {
    frames,
    sampleRate: first.sampleRate,
    durationSec: samples / first.sampleRate,
    trailingBytes: bytes.length - offset,
  };
}
