/*
 * SMS text length (reference §2.4): "≤612 Latin or ≤268 Cyrillic characters (4 segments of
 * 153 / 67)". Those are the sizes of a concatenated SMS segment in the GSM 03.38 7-bit alphabet
 * (153 septets) and in UCS-2 (67 characters), so "Latin" is read as "every character is in the
 * GSM-7 alphabet" (which has é, ü, ñ, Greek capitals…, and counts `{ } [ ] ~ \ ^ | €` as two
 * septets) and anything else (Cyrillic, emoji, CJK…) as UCS-2, counted in UTF-16 units.
 */

/** The GSM 03.38 basic alphabet (one septet each), without the escape code. */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The GSM 03.38 extension table: an escape plus the character, two septets each. */
const GSM7_EXTENDED = '\f^{}\\[~]|€';

const BASIC = new Set(GSM7_BASIC);
const EXTENDED = new Set(GSM7_EXTENDED);

/** Characters per concatenated segment (reference §2.4). */
export const SMS_SEGMENT_SIZE = { gsm7: 153, ucs2: 67 } as const;
/** Most segments one SMS may take (reference §2.4: 612 = 4 × 153, 268 = 4 × 67). */
export const SMS_MAX_SEGMENTS = 4;

/** How an SMS text is encoded, and its length in that encoding's units. */
export interface SmsTextSize {
  readonly encoding: 'gsm7' | 'ucs2';
  /** Septets for GSM-7, UTF-16 units for UCS-2. */
  readonly units: number;
  /** Segments billed: at least one (reference §2.4). */
  readonly segments: number;
}

/** The encoding, length and segment count of an SMS text. */
export function smsTextSize(text: string): SmsTextSize {
  let septets = 0;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENDED.has(ch)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'ucs2', units, segments: Math.max(1, Math.ceil(units / SMS_SEGMENT_SIZE.ucs2)) };
    }
  }
  return {
    encoding: 'gsm7',
    units: septets,
    segments: Math.max(1, Math.ceil(septets / SMS_SEGMENT_SIZE.gsm7)),
  };
}
