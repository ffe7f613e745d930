/** Languages mangokit's tools speak to people (the CLI, the sandbox, the gateway). */
export const LANGUAGES = ['en', 'ru'] as const;
/** One of `LANGUAGES`. */
export type Language = (typeof LANGUAGES)[number];

/**
 * Reads a language from a `--lang` / `MANGOKIT_LANG` value or a POSIX locale name: `ru`,
 * `ru_RU.UTF-8`, `ru-RU` → `ru`; `en`, `en_US.UTF-8`, `C`, `POSIX` → `en`; anything else
 * (`de_DE.UTF-8`) → undefined.
 */
export function parseLang(value: string | undefined): Language | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  if (v === 'c' || v === 'posix' || v.startsWith('c.')) return 'en';
  const code = /^([a-z]{2,3})(?:[_.@-]|$)/.exec(v)?.[1];
  return (LANGUAGES as readonly string[]).includes(code ?? '') ? (code as Language) : undefined;
}

/**
 * The language of an environment, in the usual precedence: `MANGOKIT_LANG`, then the locale —
 * `LC_ALL`, else `LC_MESSAGES`, else `LANG` (the first one set decides, as for any program).
 * Russian for a `ru_*` locale, English otherwise (`C`, `en_US`, `de_DE`, nothing set).
 */
export function languageFromEnv(env: Readonly<Record<string, string | undefined>>): Language {
  const own = parseLang(env.MANGOKIT_LANG);
  if (own) return own;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return parseLang(locale) === 'ru' ? 'ru' : 'en';
}
