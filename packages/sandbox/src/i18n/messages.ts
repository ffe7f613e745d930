/**
 * Every text of the sandbox a person reads, in English and Russian: the start-up banner, the
 * warnings, and why a request failed as the request log (and `mangokit logs tail`, the console)
 * shows it. API answers on the wire never change with the language; the log carries both texts
 * (`hint`, `hint_ru`). Banner and warnings follow the locale rule of the tools (`languageFromEnv`:
 * `MANGOKIT_LANG`, then `LC_ALL` / `LC_MESSAGES` / `LANG`), or `startSandbox({ lang })`.
 */
import type { Language } from 'mangokit/protocol';

/** One text in both languages. */
export interface SandboxText {
  en: string;
  ru: string;
}

const both = (en: string, ru: string): SandboxText => ({ en, ru });

/** The start-up banner (`describeSandbox`). */
export const BANNER = {
  running: (office: string) =>
    both(`Mango sandbox "${office}" is running`, `Песочница Mango «${office}» запущена`),
  labels: {
    console: both('console', 'консоль'),
    apiBase: both('API base URL', 'адрес API'),
    apiKey: both('api_key', 'api_key'),
    apiSalt: both('api_salt', 'api_salt'),
    webhooks: both('webhooks', 'уведомления'),
    control: both('control API', 'управление'),
    token: both('control token', 'токен управления'),
  },
  noWebhooks: both(
    'none (PUT /_sandbox/webhooks to set one)',
    'никуда (задайте адрес: PUT /_sandbox/webhooks)',
  ),
  seeControl: both('see CONTROL.md', 'см. CONTROL.md'),
  tokenUse: (url: string, token: string) =>
    both(
      `Authorization: Bearer …; console: ${url}/?token=${token}`,
      `Authorization: Bearer …; консоль: ${url}/?token=${token}`,
    ),
};

/** Warnings the sandbox prints (`process.emitWarning`). */
export const WARNINGS = {
  apiUnavailable: (detail: string) =>
    both(`sandbox: /vpbx/ API unavailable (${detail})`, `песочница: API /vpbx/ недоступен (${detail})`),
  reachable: (address: string) =>
    both(
      `the sandbox listens on ${address}, reachable from other machines: its /vpbx/ API answers anyone with the office's key and salt, and /_sandbox/ (control API, console data) requires the control token`,
      `песочница слушает ${address} и доступна с других машин: её API /vpbx/ ответит любому, у кого есть ключ и соль офиса, а /_sandbox/ (управление, данные консоли) требует токен управления`,
    ),
  clockTimer: (detail: string) =>
    both(`sandbox clock timer failed: ${detail}`, `в часах песочницы сбой таймера: ${detail}`),
};

/** Why a request to the API surface failed, for the request log (the answer stays production's). */
export const HINTS = {
  noSuchMethod: (path: string) => both(`No such API method: /${path}`, `Такого метода API нет: /${path}`),
  queriesBalance: both(
    'There is no queries/balance: the balance is account/balance (reference §3.6.2).',
    'Метода queries/balance нет: баланс — это account/balance (справочник, §3.6.2).',
  ),
  configGroups: both(
    'There is no config/groups/request: groups are listed by /vpbx/groups (reference §3.6.1).',
    'Метода config/groups/request нет: список групп — /vpbx/groups (справочник, §3.6.1).',
  ),
  recordingStop: both(
    'There is no recording/stop command: a recording ends with its call (reference §2.5, §2.13).',
    'Команды recording/stop нет: запись заканчивается вместе с разговором (справочник, §2.5, §2.13).',
  ),
  playStop: both(
    'There is no play/stop command: a new play/start interrupts the current playback (reference §2.6, §2.13).',
    'Команды play/stop нет: новый play/start прерывает текущее проигрывание (справочник, §2.6, §2.13).',
  ),
  holdOff: both(
    'There is no hold/off command: use commands/calls_connect or transfer_cancel (reference §2.11).',
    'Команды hold/off нет: используйте commands/calls_connect или transfer_cancel (справочник, §2.11).',
  ),
  webhookRegistration: both(
    'There is no webhook registration method: the notification URL is set in the personal cabinet (reference §2.13).',
    'Метода регистрации вебхука нет: адрес для уведомлений задаётся в личном кабинете (справочник, §2.13).',
  ),
  eventsCallback: both(
    'events/* are notifications the PBX posts to your webhook, not API methods; a callback outcome arrives on result/callback (reference §9 item 15).',
    'events/* — это уведомления, которые ВАТС присылает на ваш адрес, а не методы API; итог обратного звонка приходит на result/callback (справочник, §9, п. 15).',
  ),
  missingPrefix: (path: string) =>
    both(
      `The Virtual PBX API lives under /vpbx/: /${path} is not a method, /vpbx/${path} is (reference §1.1).`,
      `API Виртуальной АТС находится под /vpbx/: /${path} — не метод, а /vpbx/${path} — метод (справочник, §1.1).`,
    ),
  doublePrefix: (method: string) =>
    both(
      `The path repeats vpbx/: the method is /${method} (reference §1.1).`,
      `В пути дважды vpbx/: метод — /${method} (справочник, §1.1).`,
    ),
  notificationPath: both(
    'events/* and result/* are notifications the PBX posts to your webhook base URL, not API methods (reference §1.5).',
    'events/* и result/* — уведомления, которые ВАТС присылает на ваш адрес для уведомлений, а не методы API (справочник, §1.5).',
  ),
  notUrlencoded: both(
    'The form was not urlencoded: a "+" in json arrived as a space, so json differs from what was signed (reference §9 item 16).',
    'Форма не закодирована (urlencoded): «+» в json пришёл как пробел, и json отличается от подписанного (справочник, §9, п. 16).',
  ),
  hmacSign: both(
    'sign is an HMAC keyed with the salt; the vendor sign is plain sha256(vpbx_api_key + json + salt) (reference §1.2).',
    'sign посчитан как HMAC с солью в качестве ключа; подпись MANGO OFFICE — обычный sha256(vpbx_api_key + json + соль) (справочник, §1.2).',
  ),
};

/** A text in `lang`. */
export function say(text: SandboxText, lang: Language): string {
  return text[lang];
}
