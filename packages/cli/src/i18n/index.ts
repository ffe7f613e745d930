import type { Language } from 'mangokit/protocol';
import { type Catalogue, type CommandText, en } from './en.js';
import { useHelpLanguage } from './language.js';

export type { Catalogue, CommandText } from './en.js';
export type { HelpCatalogue } from './help.en.js';
export { helpTexts, language } from './language.js';

/**
 * A text for a person: fixed (a file name, a server's own message), or written per language.
 * Errors carry texts, not strings, so one failure can be reported in the reader's language and,
 * with `--json`, in both.
 */
export type Text = string | ((m: Catalogue) => string);

let current: Catalogue = en;

/** The catalogue of the language in use (English until `useLanguage` chose another). */
export function t(): Catalogue {
  return current;
}

/** The catalogue of `lang`; Russian is loaded only when asked for. */
export async function catalogue(lang: Language): Promise<Catalogue> {
  return lang === 'ru' ? (await import('./ru.js')).ru : en;
}

/** Makes `lang` the language of everything the CLI prints from now on. */
export async function useLanguage(lang: Language): Promise<void> {
  current = await catalogue(lang);
  await useHelpLanguage(lang);
}

/** A text in the language of `m` (the language in use by default). */
export function render(text: Text, m: Catalogue = current): string {
  return typeof text === 'string' ? text : text(m);
}

/** The help texts of a command by name, in the language of `m`. */
export function commandText(name: string, m: Catalogue = current): CommandText | undefined {
  const summary = (m.summaries as Record<string, string>)[name];
  if (summary === undefined) return undefined;
  const rest = (m.commands as Record<string, Omit<CommandText, 'summary'>>)[name];
  return { summary, ...rest };
}

/** The English catalogue (for `Error.message` and JSON output, which never change with the language). */
export const english: Catalogue = en;
