import type { Language } from 'mangokit/protocol';
import { type HelpCatalogue, helpEn } from './help.en.js';

// The language in use and its help catalogue: all `mangokit --help` loads of the messages. The
// whole catalogue (`index.ts`) sets both when a command is on its way.

let currentLang: Language = 'en';
let currentHelp: HelpCatalogue = helpEn;

/** The language in use (English until `useHelpLanguage` or `useLanguage` chose another). */
export function language(): Language {
  return currentLang;
}

/** The help texts, shared option texts and command summaries of the language in use. */
export function helpTexts(): HelpCatalogue {
  return currentHelp;
}

/** Makes `lang` the language in use, loading only its help catalogue. */
export async function useHelpLanguage(lang: Language): Promise<void> {
  currentHelp = lang === 'ru' ? (await import('./help.ru.js')).helpRu : helpEn;
  currentLang = lang;
}
