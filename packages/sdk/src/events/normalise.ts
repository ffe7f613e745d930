import type { CallbackInitiator } from './payloads.js';

// Cyrillic letters that look like Latin ones; the vendor tables print `СС` and
// `MissGroupСallCallback` with Cyrillic С (reference §4.1, §9.8).
const LOOKALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Т: 'T',
  Х: 'X',
  а: 'a',
  с: 'c',
  е: 'e',
  о: 'o',
  р: 'p',
  х: 'x',
  у: 'y',
};
const CYRILLIC = /[АВСЕНКМОРТХасеорху]/g;

const INITIATORS: readonly CallbackInitiator[] = [
  'CC',
  'API',
  'WEB',
  'ObDial',
  'CallbackWidget',
  'MissGroupCallCallback',
  'MissInIvrCallCallback',
];
const BY_LOWER = new Map(INITIATORS.map((name) => [name.toLowerCase(), name]));

/** Replaces Cyrillic look-alike letters with their Latin twins. */
export function latinise(text: string): string {
  return text.replace(CYRILLIC, (ch) => LOOKALIKES[ch] ?? ch);
}

/**
 * Maps a `callback_initiator` to its canonical Latin spelling (§9.8); a value outside the
 * known list is kept (Latinised) rather than rejected, as later vendor versions add values.
 */
export function normaliseCallbackInitiator(value: string): CallbackInitiator | (string & {}) {
  const latin = latinise(value);
  return BY_LOWER.get(latin.toLowerCase()) ?? latin;
}
