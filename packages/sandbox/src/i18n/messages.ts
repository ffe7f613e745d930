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

/**
 * Why the control API (`/_sandbox/`) refused a request, as its answer's `error` (English) and
 * `error_ru` carry it; the console shows the reader's language.
 */
export const CONTROL_ERRORS = {
  // The request itself.
  bodyTooLarge: both('body too large', 'тело запроса слишком велико'),
  bodyNotJson: both('body is not valid JSON', 'тело запроса — не JSON'),
  bodyNotObject: both('body must be a JSON object', 'тело запроса должно быть объектом JSON'),
  required: (key: string) => both(`${key} is required (a string)`, `нужно поле ${key} (строка)`),
  notString: (key: string) => both(`${key} must be a string`, `${key} должно быть строкой`),
  noPath: (path: string) =>
    both(`no control path /_sandbox/${path}`, `пути управления /_sandbox/${path} нет`),
  methodNotAllowed: (method: string) => both(`${method} not allowed here`, `${method} здесь не разрешён`),
  noCommand: (name: string) => both(`no command ${name}`, `команды ${name} нет`),
  smsReason: (list: string, last: string) =>
    both(`reason must be ${list} or ${last}`, `reason должен быть ${list} или ${last}`),
  transferMethod: both('method must be "blind" or "hold"', 'method должен быть "blind" или "hold"'),
  side: both('side must be "from" or "to"', 'side должен быть "from" или "to"'),
  // The clock.
  advanceOnRealClock: both(
    'the clock runs in real time; advance needs clock "manual"',
    'часы идут в реальном времени; перевести их можно только при clock "manual"',
  ),
  advanceMs: both(
    'ms (or sec) must be a non-negative number',
    'ms (или sec) должно быть неотрицательным числом',
  ),
  speedOnManualClock: both('a manual clock has no speed', 'у ручных часов нет скорости'),
  speedRange: both('speed must be in (0, 1000]', 'speed должна быть в пределах (0, 1000]'),
  // Webhooks and deliveries.
  invalidPolicy: (en: string, ru: string) => both(`invalid policy: ${en}`, `неверная policy: ${ru}`),
  urlsNotStrings: both('urls must be strings', 'urls должны быть строками'),
  maxRetries: both('maxRetries must be 0..20', 'maxRetries должно быть от 0 до 20'),
  noDelivery: (id: string) => both(`no delivery ${id}`, `доставки ${id} нет`),
  // Calls, legs and phones (the engine).
  noCall: (id: string) => both(`no call ${id}`, `звонка ${id} нет`),
  noLiveCall: (id: string) => both(`no live call ${id}`, `звонка ${id} сейчас нет`),
  noLiveLeg: (id: string) => both(`no live leg ${id}`, `плеча ${id} сейчас нет`),
  extensionOnNoLeg: (ext: string) =>
    both(`extension ${ext} is on no live leg`, `внутренний номер ${ext} сейчас не разговаривает`),
  callHasNoLeg: (id: string) => both(`call ${id} has no live leg`, `у звонка ${id} нет живого плеча`),
  nameTheLeg: both(
    'name the leg with call_id, extension or entry_id',
    'укажите плечо: call_id, extension или entry_id',
  ),
  noEmployee: (ext: string) =>
    both(`no employee with extension ${ext}`, `сотрудника с внутренним номером ${ext} нет`),
  notRinging: both('the leg is not ringing', 'плечо не звонит'),
  notAtEmployee: both('the leg is not at an employee', 'плечо не у сотрудника'),
  holdNeedsConnected: both(
    'only a Connected leg can be put on hold',
    'на удержание можно поставить только соединённое плечо',
  ),
  notOnHold: both('the leg is not on hold', 'плечо не на удержании'),
  notConnected: both(
    'the leg is not connected: answer or reject it instead',
    'плечо не соединено: ответьте на звонок или отклоните его',
  ),
  noLines: both('the office has no line', 'в офисе нет ни одной линии'),
  noLine: (number: string) => both(`no line ${number}`, `линии ${number} нет`),
  notWaitingForKeys: both(
    'the call is not waiting for keys (no IVR menu or DISA is active)',
    'звонок сейчас не ждёт нажатий (голосовое меню или DISA не активны)',
  ),
  badDigits: both('digits may hold only 0-9, * and #', 'в digits допустимы только 0–9, * и #'),
};

/** A value an office file held where it should not, in words (`nothing`, `an array`, `"text"`, …). */
export function valueWords(v: unknown): SandboxText {
  if (v === undefined) return both('nothing', 'ничего');
  if (v === null) return both('null', 'null');
  if (Array.isArray(v)) return both('an array', 'массив');
  if (typeof v === 'string') {
    const s = JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
    return both(s, s);
  }
  if (typeof v === 'object') return both('an object', 'объект');
  const ru =
    typeof v === 'number' || typeof v === 'bigint'
      ? 'число'
      : typeof v === 'boolean'
        ? 'логическое'
        : typeof v;
  return both(`${typeof v} ${String(v)}`, `${ru} ${String(v)}`);
}

/** `<must> , got <value>` in both languages. */
const got = (en: string, ru: string, v: unknown): SandboxText => {
  const w = valueWords(v);
  return both(`${en}, got ${w.en}`, `${ru}, а здесь ${w.ru}`);
};

/**
 * What is wrong with an office file, per issue (`{ path, message, message_ru }`): the control API
 * answers both, the console shows the reader's language.
 */
export const OFFICE_ISSUES = {
  notValid: (format: string, detail: string) =>
    both(`not valid ${format}: ${detail}`, `это не ${format}: ${detail}`),
  notObject: (v: unknown) => got('must be an object', 'должно быть объектом', v),
  notArray: (v: unknown) => got('must be an array', 'должно быть массивом', v),
  requiredString: both('is required (a string)', 'обязательно (строка)'),
  notString: (v: unknown) => got('must be a string', 'должно быть строкой', v),
  requiredNumber: both('is required (a number)', 'обязательно (число)'),
  notNumber: (v: unknown) => got('must be a number', 'должно быть числом', v),
  belowMin: (min: number, n: number) =>
    both(`must be ≥ ${min}, got ${n}`, `должно быть ≥ ${min}, а здесь ${n}`),
  notOneOf: (allowed: string, v: unknown) =>
    got(`must be one of ${allowed}`, `должно быть одним из: ${allowed}`, v),
  notBool: (v: unknown) => got('must be true or false', 'должно быть true или false', v),
  duplicate: (what: string, key: string, at: string) =>
    both(`duplicate ${what} ${key} (also at ${at})`, `${what} ${key} повторяется (уже есть в ${at})`),
  apiKey: both(
    'must be 4–64 letters, digits, _ or -',
    'должен состоять из 4–64 латинских букв, цифр, _ или -',
  ),
  apiSaltEmpty: both('must not be empty', 'не может быть пустой'),
  extension: (v: string) => got('must be 1–8 digits', 'должен состоять из 1–8 цифр', v),
  digits: both('may hold only 0-9, * and #', 'допустимы только 0–9, * и #'),
  hhmm: (v: string) => got('must be HH:MM', 'должно быть в виде ЧЧ:ММ', v),
  date: (v: string) => got('must be YYYY-MM-DD', 'должно быть в виде ГГГГ-ММ-ДД', v),
  isoDateTime: (v: unknown) =>
    got(
      'must be an ISO 8601 date-time like "2026-11-27T09:15:00Z"',
      'должно быть датой и временем ISO 8601 вида "2026-11-27T09:15:00Z"',
      v,
    ),
  httpUrl: (v: unknown) => got('must be an http(s) URL', 'должно быть адресом http(s)', v),
  tooLong: (max: number, n: number) =>
    both(
      `must be at most ${max} characters, got ${n}`,
      `должно быть не длиннее ${max} символов, а здесь ${n}`,
    ),
  numberOrString: (v: unknown) => got('must be a number or a string', 'должно быть числом или строкой', v),
  visitorOnDynamic: both(
    'only a dynamic number (type 1) has a site visitor',
    'посетитель сайта бывает только у динамического номера (type 1)',
  ),
  groupExtensionTaken: (ext: string) =>
    both(`${ext} is already an employee's extension`, `${ext} — уже внутренний номер сотрудника`),
  noOperator: (id: number) => both(`no employee with user_id ${id}`, `сотрудника с user_id ${id} нет`),
  noTrackedLine: (number: string) =>
    both(`no line with number ${JSON.stringify(number)}`, `линии с номером ${JSON.stringify(number)} нет`),
  noScheme: (id: number) => both(`no scheme with schema_id ${id}`, `схемы с schema_id ${id} нет`),
  noNode: (id: string) =>
    both(`no node with id ${JSON.stringify(id)}`, `узла с id ${JSON.stringify(id)} нет`),
  noAudio: (id: number) => both(`no audio file with id ${id}`, `аудиофайла с id ${id} нет`),
  noGroup: (id: number) => both(`no group with id ${id}`, `группы с id ${id} нет`),
  noEmployee: (ext: string) =>
    both(`no employee with extension ${ext}`, `сотрудника с внутренним номером ${ext} нет`),
  noSuchEmployee: both('no such employee', 'такого сотрудника нет'),
  noSuchGroup: both('no such group', 'такой группы нет'),
  menuKey: both('menu keys must be one digit, * or #', 'клавиша меню — одна цифра, * или #'),
  menuTarget: both('must name a node id (string)', 'должно называть id узла (строка)'),
};

/**
 * Why a notification could not be delivered: `error` keeps Node's own words (as it always has),
 * `error_ru` says it in Russian with the system code (`ECONNREFUSED`, …) for the search.
 */
export const DELIVERY_ERRORS = {
  timeout: (ms: number) => both(`timed out after ${ms} ms`, `нет ответа за ${ms} мс`),
  /** An error of the connection or the request, by its system code. */
  of(err: Error & { code?: string; address?: string; port?: number; hostname?: string }): SandboxText {
    const code = err.code ?? '';
    const where = err.address ? ` ${err.address}${err.port ? `:${err.port}` : ''}` : '';
    let ru: string;
    if (code === 'ECONNREFUSED') ru = `соединение отвергнуто (ECONNREFUSED${where})`;
    else if (code === 'ECONNRESET') ru = `соединение оборвано (ECONNRESET${where})`;
    else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      ru = `адрес не найден (${code}${err.hostname ? ` ${err.hostname}` : ''})`;
    else if (code === 'ETIMEDOUT') ru = `соединение не установлено за отведённое время (ETIMEDOUT${where})`;
    else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') ru = `узел недоступен (${code}${where})`;
    else if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'EPROTO')
      ru = `ошибка TLS (${code})`;
    else ru = code ? `ошибка соединения (${code})` : 'ошибка соединения';
    return both(err.message, ru);
  },
};

/** A text in `lang`. */
export function say(text: SandboxText, lang: Language): string {
  return text[lang];
}
