import { RESULT_CODE_ROWS } from './resultCodeTable.js';

type Row = (typeof RESULT_CODE_ROWS)[number];

/** The constant name of a result code (`'NO_ANSWER'`). */
export type ResultCodeName = Row[1];

/** Every result code of reference §5 by its constant name, each typed as its literal code. */
export type ResultCodeConstants = { readonly [R in Row as R[1]]: R[0] };

/**
 * The vendor's result codes by name (reference §5): `RESULT.SUCCESS` is 1000,
 * `RESULT.INSUFFICIENT_FUNDS` 2240, `RESULT.REQUIRED` 3103. `disconnect_reason` and
 * `call_end_reason` share this code space (§6): `RESULT.ENDED_BY_CALLER` is 1110,
 * `RESULT.NO_ANSWER` 1111, `RESULT.ENDED_BY_API` 1181.
 */
export const RESULT: ResultCodeConstants = Object.freeze(
  Object.fromEntries(RESULT_CODE_ROWS.map(([code, name]) => [name, code])),
) as ResultCodeConstants;

/** Text of one vendor result code, in English and in Russian. */
export interface ResultCodeText {
  readonly en: string;
  readonly ru: string;
}

/** Every known result code of reference §5, keyed by code. */
export const RESULT_CODES: Readonly<Record<number, ResultCodeText>> = Object.freeze(
  Object.fromEntries(RESULT_CODE_ROWS.map(([code, , en, ru]) => [code, Object.freeze({ en, ru })])),
);

/** Broad class of a result code: its first digit (reference §5). */
export type ResultCodeClass = 'success' | 'billing' | 'request' | 'action' | 'server' | 'fax' | 'unknown';

const CLASS_BY_DIGIT: Record<number, ResultCodeClass> = {
  1: 'success',
  2: 'billing',
  3: 'request',
  4: 'action',
  5: 'server',
  6: 'fax',
};

/** What `describeResultCode` knows about a code. */
export interface ResultCodeDescription extends ResultCodeText {
  /** The code asked about. */
  readonly code: number;
  /** The table entry used: the code itself or its nearest known class (reference §5). */
  readonly matched: number | undefined;
  /** Whether `matched` is the code itself. */
  readonly exact: boolean;
  /** The class by first digit. */
  readonly class: ResultCodeClass;
}

/** The class of a code by its first digit (`2219` → `billing`). */
export function resultCodeClass(code: number): ResultCodeClass {
  if (!Number.isInteger(code) || code < 1000 || code > 9999) return 'unknown';
  return CLASS_BY_DIGIT[Math.floor(code / 1000)] ?? 'unknown';
}

/**
 * Describes a result code. An unknown code is read as its nearest known class, group first
 * (`2219` → `2210`), then subclass, then class (`1090` → `1000`) — the vendor's rule (reference §5).
 */
export function describeResultCode(code: number | string): ResultCodeDescription {
  const n = typeof code === 'number' ? code : Number(code);
  const cls = resultCodeClass(n);
  if (cls !== 'unknown') {
    for (const candidate of [n, n - (n % 10), n - (n % 100), n - (n % 1000)]) {
      const text = RESULT_CODES[candidate];
      if (text)
        return { code: n, matched: candidate, exact: candidate === n, class: cls, en: text.en, ru: text.ru };
    }
  }
  return {
    code: n,
    matched: undefined,
    exact: false,
    class: cls,
    en: `unknown result code ${String(code)}`,
    ru: `неизвестный код ${String(code)}`,
  };
}

/** True when a code is in the success class (1xxx): the call was accepted (reference §1.3). */
export function isSuccessCode(code: number): boolean {
  return code >= 1000 && code < 2000;
}
