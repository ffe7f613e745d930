/*
 * Value formats of string parameters (the `format` of a row in `methods/table.ts`): what a value
 * must look like, and the result code a value that does not gets (reference §5). Checks that
 * need a calendar (31.02) or the office (is this extension free) are the method's, not these.
 */
import { RESULT } from '../codes/resultCodes.js';

/** One value format. */
export interface ValueFormat {
  /** What the value looks like, for messages and documentation. */
  readonly text: string;
  /** A value in the format. */
  readonly example: string;
  readonly test: (value: string) => boolean;
  /** The code of a value not in the format. */
  readonly code: number;
}

const matches =
  (re: RegExp) =>
  (value: string): boolean =>
    re.test(value);

/** ≥ 8 characters with lower and upper Latin letters and digits (reference §5: 3120). */
function weakPassword(password: string): boolean {
  return password.length < 8 || !/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/\d/.test(password);
}

/** SIP login rules: ≥ 4 characters, a letter first, no `000` prefix (reference §5: 3121). */
function badSipLogin(login: string): boolean {
  return login.length < 4 || !/^[A-Za-z][A-Za-z0-9._-]*$/.test(login) || login.startsWith('000');
}

/** The formats string parameters name. */
export const FORMATS = {
  /** A short number of an employee or group. */
  extension: { text: '1–10 digits', example: '101', test: matches(/^\d{1,10}$/), code: RESULT.WRONG_FORMAT },
  email: {
    text: 'name@host.domain',
    example: 'anna@example.com',
    test: matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/),
    code: RESULT.EMAIL_FORMAT,
  },
  password: {
    text: '≥ 8 characters with lower and upper Latin letters and digits',
    example: 'Secret123',
    test: (v: string) => !weakPassword(v),
    code: RESULT.WEAK_PASSWORD,
  },
  sipLogin: {
    text: '≥ 4 characters, a Latin letter first, then letters, digits, ". _ -"; not 000…',
    example: 'anna',
    test: (v: string) => !badSipLogin(v),
    code: RESULT.BAD_SIP_LOGIN,
  },
  /** Moscow wall time of a schedule (reference §3.6.3). */
  time: {
    text: 'HH:MM',
    example: '09:00',
    test: matches(/^([01]\d|2[0-3]):[0-5]\d$/),
    code: RESULT.WRONG_FORMAT,
  },
  /** `YYYY-MM-DD` (schedules, `/s2t/queries/records`). */
  date: {
    text: 'YYYY-MM-DD',
    example: '2026-11-27',
    test: matches(/^\s*\d{4}-\d{2}-\d{2}\s*$/),
    code: RESULT.WRONG_FORMAT,
  },
  /** `stats/calls/request` dates (reference §3.2): Moscow wall time; ISO is refused. */
  ruDateTime: {
    text: 'DD.MM.YYYY[ HH:MM[:SS]]',
    example: '27.11.2026 09:00:00',
    test: matches(/^\s*\d{2}\.\d{2}\.\d{4}(?:\s+\d{2}:\d{2}(?::\d{2})?)?\s*$/),
    code: RESULT.WRONG_FORMAT,
  },
  /** `offline_record/recognize` `created` (reference §3.8), UTC. */
  dateTime: {
    text: 'YYYY-MM-DD HH:MM:SS',
    example: '2026-11-27 09:00:00',
    test: matches(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    code: RESULT.WRONG_FORMAT,
  },
  /** A phone number or mask: digits, `*` any sequence, `#` one character, `-` ranges (reference §3.7). */
  phoneMask: {
    text: 'digits with * # -',
    example: '7495*',
    test: matches(/^\+?[\d*#-]{1,64}$/),
    code: RESULT.WRONG_FORMAT,
  },
} as const satisfies Record<string, ValueFormat>;

/** The name of a value format. */
export type FormatName = keyof typeof FORMATS;
