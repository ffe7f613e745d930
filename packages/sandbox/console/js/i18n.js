// @ts-check
/**
 * Every text of the console a person reads, in English and Russian. The page speaks Russian when
 * the browser's first language is Russian, English otherwise; the switch in the header changes
 * it (and is remembered). `ru` is typed as `typeof en`: a missing or extra Russian key fails the
 * type check (`tsc -p packages/sandbox/console`). Static text of `index.html` carries
 * `data-i18n="key"` (and `data-i18n-aria-label`) and is filled from `page`.
 * Long because it is a catalogue of both languages, kept in one file so a translator sees them side by side.
 */

/** @param {number} n @param {string} one @param {string} few @param {string} many */
function ruPlural(n, one, few, many) {
  const n10 = n % 10;
  const n100 = n % 100;
  if (n10 === 1 && n100 !== 11) return one;
  if (n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14)) return few;
  return many;
}

const en = {
  /** Texts of index.html by `data-i18n` key. */
  page: {
    title: 'mangokit sandbox',
    skip: 'Skip to content',
    sandboxTime: 'Sandbox time',
    stream: 'Stream:',
    language: 'Language',
    sections: 'Sections',
    tabCalls: 'Calls',
    inProgress: ' in progress',
    tabOffice: 'Office',
    tabWebhooks: 'Webhooks',
    tabHistory: 'History',
    finished: ' finished',
    tabRequests: 'Requests',
    liveCalls: 'Live calls',
    dialHeading: 'A customer calls a line',
    customerNumber: 'Customer number',
    line: 'Line',
    keysForMenu: 'Keys for the menu',
    optional: '(optional)',
    keysHelp: 'Pressed when the IVR asks; or press them on the board.',
    call: 'Call',
    callbackHeading: 'An employee calls out',
    employee: 'Employee',
    numberToCall: 'Number to call',
    callerIdLine: 'Caller ID line',
    callOut: 'Call out',
    callsInProgress: 'Calls in progress',
    noCalls: 'No calls in progress. Start one above.',
    office: 'Office',
    employees: 'Employees',
    name: 'Name',
    ext: 'Ext',
    department: 'Department',
    phone: 'Phone',
    now: 'Now',
    drivenBy: 'Driven by',
    groups: 'Groups',
    group: 'Group',
    hunting: 'Hunting',
    operators: 'Operators',
    queue: 'Queue',
    lines: 'Lines',
    number: 'Number',
    region: 'Region',
    scheme: 'Scheme',
    loadOfficeFile: 'Load an office file',
    yamlOrJsonFile: 'YAML or JSON file',
    officeText: 'Office (YAML or JSON)',
    officeTextHelp: 'Live calls are hung up when the office is replaced.',
    loadOffice: 'Load office',
    resetOffice: 'Reset to the demo office',
    webhooks: 'Webhooks',
    notificationTarget: 'Notification target',
    baseUrl: 'Base URL',
    webhooksHelpBefore: 'The sandbox posts to this base + ',
    webhooksHelpAfter: ', … Several URLs: separate with spaces. Empty: send nowhere.',
    retries: 'Retries',
    outOfOrder: 'Deliver out of order',
    save: 'Save',
    deliveries: 'Deliveries',
    showDeliveries: 'Show deliveries',
    filterAll: 'all',
    filterDelivered: 'delivered',
    filterFailed: 'failed',
    filterPending: 'pending',
    colSent: 'Sent',
    colTarget: 'Target',
    colPath: 'Path',
    colSummary: 'Summary',
    colStatus: 'Status',
    colTries: 'Tries',
    colLatency: 'Latency',
    colActions: 'Actions',
    noDeliveries: 'No deliveries yet.',
    newer: 'Newer',
    older: 'Older',
    pagesOfDeliveries: 'Pages of deliveries',
    notificationsLive: 'Notifications emitted (live)',
    history: 'History',
    refresh: 'Refresh',
    historyCaption: 'Finished calls, newest first',
    colStarted: 'Started',
    colDirection: 'Direction',
    colFrom: 'From',
    colTo: 'To',
    colTalk: 'Talk',
    colOutcome: 'Outcome',
    colReason: 'Reason',
    colCall: 'Call',
    colRecordings: 'Recordings',
    noHistory: 'No finished calls yet.',
    apiRequests: 'API requests',
    requestsHelp:
      'Every request to the API, newest first. A path that is no method says which one was probably meant.',
    requestsCaption: 'API requests, newest first',
    colTime: 'Time',
    colMethod: 'Method',
    colResult: 'Result',
    colNote: 'Note',
    noRequests: 'No API requests yet.',
  },
  connection: { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…' },
  clock: {
    manual: 'manual clock',
    real: (/** @type {number} */ speed) => `real clock ×${speed}`,
    advance: (/** @type {string} */ step) => `Advance the clock ${step}`,
    speed: 'Speed',
  },
  lockout: {
    locked: (/** @type {string} */ until, /** @type {string} */ left) =>
      `The API key is locked out until ${until} (${left} left) after repeated invalid requests, as the PBX does: every API request is answered 401.`,
    armed: (/** @type {string} */ until) =>
      `One invalid API request seen: another before ${until} locks the API key out for two minutes.`,
    clear: 'Clear it (reset the office)',
    confirmClear: 'Reset the office to clear the lock-out? Live calls are hung up and history is cleared.',
    cleared: 'Lock-out cleared: the office was reset',
  },
  notice: {
    unreachable: 'The sandbox is not reachable. Is it still running?',
  },
  dial: {
    calling: (/** @type {string} */ from, /** @type {string} */ to) => `${from} is calling ${to}`,
    firstLine: 'the first line',
    employeeDefault: 'employee default',
  },
  board: {
    call: (/** @type {string} */ id) => `Call ${id}`,
    started: (/** @type {string} */ id, /** @type {string} */ at) => `Call ${id} · started ${at}`,
    line: (/** @type {string} */ name) => `line ${name}`,
    tracking: (/** @type {string} */ number, /** @type {boolean} */ dynamic) =>
      `call tracking ${number} (${dynamic ? 'dynamic' : 'static'})`,
    legsCaption: 'Legs of this call',
    colLeg: 'Leg',
    colWhere: 'Where',
    colFrom: 'From',
    colTo: 'To',
    colState: 'State',
    colActions: 'Actions',
    answer: 'Answer',
    answerAs: (/** @type {string} */ who) => `Answer as ${who}`,
    reject: 'Reject',
    rejectAs: (/** @type {string} */ who) => `Reject as ${who}`,
    customer: 'customer',
    customerAnswers: 'Customer answers',
    customerAnswersNamed: (/** @type {string} */ number) => `Customer ${number} answers`,
    customerRejects: 'Customer rejects',
    customerRejectsNamed: (/** @type {string} */ number) => `Customer ${number} rejects`,
    hold: 'Hold',
    holdAs: (/** @type {string} */ who) => `Hold as ${who}`,
    hangUp: 'Hang up',
    hangUpAs: (/** @type {string} */ who) => `Hang up as ${who}`,
    resume: 'Resume',
    resumeAs: (/** @type {string} */ who) => `Resume as ${who}`,
    transfer: 'Transfer…',
    transferWho: (/** @type {string} */ who) => `Transfer ${who}`,
    transferTo: 'To',
    transferTarget: 'ext or number',
    method: 'Method',
    blind: 'blind',
    consult: 'consult (hold)',
    transferGo: 'Transfer',
    customerHangsUp: 'Customer hangs up',
    customerHangsUpNamed: (/** @type {string} */ number) => `Customer ${number} hangs up`,
    customerLabel: (/** @type {string} */ number) => `Customer ${number}:`,
    customerPresses: (/** @type {string} */ number) => `Customer ${number} presses keys`,
    keys: 'Keys',
    press: 'Press',
    live: '· live',
    recording: '· recording',
  },
  format: {
    directions: { incoming: 'incoming', outgoing: 'outgoing', internal: 'internal' },
    states: { Appeared: 'ringing', Connected: 'talking', OnHold: 'on hold', Disconnected: 'ended' },
    /** Where a leg is (`location`, reference §4.1): the vendor's words in English. */
    locations: { ivr: 'ivr', queue: 'queue', abonent: 'abonent' },
    via: (/** @type {string} */ name) => `via ${name}`,
    group: (/** @type {string} */ id) => `group ${id}`,
    line: (/** @type {string} */ number) => `line ${number}`,
  },
  office: {
    algorithms: {
      0: 'serial',
      1: 'parallel by priority',
      2: 'all free at once',
      3: 'random',
      5: 'most idle first',
    },
    answersAfter: (/** @type {number} */ sec, /** @type {number | undefined} */ talk) =>
      `answers after ${sec} s${talk ? `, talks ${talk} s` : ''}`,
    never: 'does not answer',
    alwaysBusy: 'always busy',
    dnd: 'do not disturb',
    rejects: 'rejects',
    records: (/** @type {string} */ what) => `records ${what}`,
    recordingModes: { all: 'all', incoming: 'incoming', outgoing: 'outgoing', none: 'none' },
    waitsForConsole: (/** @type {string} */ name) => `${name}'s phone now waits for the console`,
    followsPolicy: (/** @type {string} */ name) => `${name}'s phone follows its policy`,
    answerFromConsole: 'answer from console',
    free: 'free',
    busy: 'busy',
    activity: { ringing: 'ringing', talking: 'talking', 'on hold': 'on hold', calling: 'calling' },
    queueOf: (/** @type {number} */ size, /** @type {number} */ wait) => `up to ${size}, ${wait} s`,
    noQueue: 'no queue',
    confirmReset: 'Reset to the demo office? Live calls are hung up and history is cleared.',
    demoLoaded: 'Demo office loaded',
    loaded: (/** @type {string} */ name) => `Office "${name}" loaded`,
    notLoaded: (/** @type {number} */ n) => `The office was not loaded: ${n} problem(s).`,
    root: '(root)',
  },
  deliveries: {
    notUrl: (/** @type {string} */ url) => `"${url}" is not an http(s) URL`,
    goTo: (/** @type {string} */ urls) => `Notifications go to ${urls}`,
    goNowhere: 'Notifications are not sent anywhere',
    attempt: (/** @type {number} */ n, /** @type {string} */ at) => `#${n} at ${at}: `,
    inMs: (/** @type {number} */ ms) => ` in ${ms} ms`,
    title: (/** @type {string | number} */ id, /** @type {string} */ path) => `Delivery ${id}: ${path}`,
    url: 'URL',
    status: 'Status',
    replayOf: 'Replay of',
    attempts: 'Attempts',
    noneYet: 'None yet.',
    payload: 'Payload',
    close: 'Close',
    closeDetail: (/** @type {string | number} */ id) => `Close delivery ${id}`,
    replay: 'Replay',
    replayNamed: (/** @type {string | number} */ id) => `Replay delivery ${id}`,
    replayed: (/** @type {string | number} */ id) => `Replayed as delivery ${id}`,
    show: 'Payload',
    showNamed: (/** @type {string | number} */ id) => `Show delivery ${id}`,
    replayMark: (/** @type {string | number} */ id) => ` replay of #${id}`,
    statuses: { pending: 'pending', delivered: 'delivered', failed: 'failed' },
    empty: 'No deliveries yet.',
    noTarget: 'No deliveries: set a notification target above.',
    noMatch: 'No deliveries match the filter.',
    page: (/** @type {number} */ from, /** @type {number} */ to, /** @type {number} */ total) =>
      `${from}–${to} of ${total}`,
    answered: 'answered',
    missed: 'missed',
    reason: (/** @type {string} */ code) => `reason ${code}`,
    keys: (/** @type {string} */ digits) => `keys ${digits}`,
    command: (/** @type {string} */ id, /** @type {string} */ result) => `command ${id} → ${result}`,
    /** `call_state` of events/call as the payload says it (English keeps the vendor's word). */
    callStates: {
      Appeared: 'Appeared',
      Connected: 'Connected',
      OnHold: 'OnHold',
      Disconnected: 'Disconnected',
    },
    /** `recording_state` of events/recording (reference §4.3). */
    recordingStates: { Started: 'Started', Continued: 'Continued', Completed: 'Completed' },
    seq: (/** @type {string} */ n) => `seq ${n}`,
    ms: (/** @type {number} */ ms) => `${ms} ms`,
  },
  history: {
    answered: 'answered',
    missed: 'missed',
    line: (/** @type {string} */ number) => ` · line ${number}`,
    recordingOf: (/** @type {number} */ n, /** @type {string} */ who) =>
      `Recording ${n} of the call from ${who}`,
    download: (/** @type {string} */ label) => `Download ${label}`,
    duration: (/** @type {string} */ d) => `lasts ${d}`,
    noMp3: 'Your browser cannot play MP3.',
  },
  requests: {
    didYouMean: 'did you mean ',
    emptyArray: 'json=[] read as {}',
  },
};

/** @typedef {typeof en} ConsoleText */

/** @type {ConsoleText} */
const ru = {
  page: {
    title: 'песочница mangokit',
    skip: 'Перейти к содержимому',
    sandboxTime: 'Время песочницы',
    stream: 'Поток:',
    language: 'Язык',
    sections: 'Разделы',
    tabCalls: 'Звонки',
    inProgress: ' идёт',
    tabOffice: 'Офис',
    tabWebhooks: 'Уведомления',
    tabHistory: 'История',
    finished: ' завершено',
    tabRequests: 'Запросы',
    liveCalls: 'Текущие звонки',
    dialHeading: 'Клиент звонит на линию',
    customerNumber: 'Номер клиента',
    line: 'Линия',
    keysForMenu: 'Клавиши для меню',
    optional: '(необязательно)',
    keysHelp: 'Нажимаются, когда голосовое меню попросит; или нажмите их на панели звонка.',
    call: 'Позвонить',
    callbackHeading: 'Сотрудник звонит клиенту',
    employee: 'Сотрудник',
    numberToCall: 'Куда звонить',
    callerIdLine: 'Линия для исходящего номера',
    callOut: 'Набрать',
    callsInProgress: 'Текущие звонки',
    noCalls: 'Звонков сейчас нет. Начните звонок выше.',
    office: 'Офис',
    employees: 'Сотрудники',
    name: 'Имя',
    ext: 'Вн.',
    department: 'Отдел',
    phone: 'Телефон',
    now: 'Сейчас',
    drivenBy: 'Кто отвечает',
    groups: 'Группы',
    group: 'Группа',
    hunting: 'Распределение',
    operators: 'Операторы',
    queue: 'Очередь',
    lines: 'Линии',
    number: 'Номер',
    region: 'Регион',
    scheme: 'Схема',
    loadOfficeFile: 'Загрузить файл офиса',
    yamlOrJsonFile: 'Файл YAML или JSON',
    officeText: 'Офис (YAML или JSON)',
    officeTextHelp: 'При замене офиса текущие звонки завершаются.',
    loadOffice: 'Загрузить офис',
    resetOffice: 'Вернуть демо-офис',
    webhooks: 'Уведомления',
    notificationTarget: 'Куда отправлять уведомления',
    baseUrl: 'Базовый адрес',
    webhooksHelpBefore: 'Песочница отправляет на этот адрес + ',
    webhooksHelpAfter: ', … Несколько адресов — через пробел. Пусто — никуда.',
    retries: 'Повторы',
    outOfOrder: 'Доставлять не по порядку',
    save: 'Сохранить',
    deliveries: 'Доставки',
    showDeliveries: 'Показать доставки',
    filterAll: 'все',
    filterDelivered: 'доставленные',
    filterFailed: 'с ошибкой',
    filterPending: 'в очереди',
    colSent: 'Отправлено',
    colTarget: 'Адрес',
    colPath: 'Путь',
    colSummary: 'Содержание',
    colStatus: 'Статус',
    colTries: 'Попытки',
    colLatency: 'Время ответа',
    colActions: 'Действия',
    noDeliveries: 'Доставок пока нет.',
    newer: 'Новее',
    older: 'Старше',
    pagesOfDeliveries: 'Страницы доставок',
    notificationsLive: 'Уведомления ВАТС (на лету)',
    history: 'История',
    refresh: 'Обновить',
    historyCaption: 'Завершённые звонки, новые сверху',
    colStarted: 'Начало',
    colDirection: 'Направление',
    colFrom: 'Кто',
    colTo: 'Кому',
    colTalk: 'Разговор',
    colOutcome: 'Итог',
    colReason: 'Причина',
    colCall: 'Звонок',
    colRecordings: 'Записи',
    noHistory: 'Завершённых звонков пока нет.',
    apiRequests: 'Запросы к API',
    requestsHelp:
      'Все запросы к API, новые сверху. Если путь — не метод, здесь сказано, какой метод, вероятно, имелся в виду.',
    requestsCaption: 'Запросы к API, новые сверху',
    colTime: 'Время',
    colMethod: 'Метод',
    colResult: 'Код',
    colNote: 'Примечание',
    noRequests: 'Запросов к API пока нет.',
  },
  connection: { connecting: 'подключение…', live: 'на связи', reconnecting: 'переподключение…' },
  clock: {
    manual: 'ручные часы',
    real: (speed) => `реальные часы ×${speed}`,
    advance: (step) => `Перевести часы на ${step}`,
    speed: 'Скорость',
  },
  lockout: {
    locked: (until, left) =>
      `Ключ API заблокирован до ${until} (осталось ${left}) после нескольких неверных запросов, как это делает ВАТС: на любой запрос к API ответ 401.`,
    armed: (until) => `Был один неверный запрос к API: ещё один до ${until} заблокирует ключ на две минуты.`,
    clear: 'Снять (вернуть исходный офис)',
    confirmClear:
      'Вернуть исходный офис, чтобы снять блокировку? Текущие звонки завершатся, история очистится.',
    cleared: 'Блокировка снята: офис возвращён к исходному',
  },
  notice: {
    unreachable: 'Песочница недоступна. Она ещё запущена?',
  },
  dial: {
    calling: (from, to) => `${from} звонит на ${to}`,
    firstLine: 'первую линию',
    employeeDefault: 'как у сотрудника',
  },
  board: {
    call: (id) => `Звонок ${id}`,
    started: (id, at) => `Звонок ${id} · начат ${at}`,
    line: (name) => `линия ${name}`,
    tracking: (number, dynamic) => `коллтрекинг ${number} (${dynamic ? 'динамический' : 'статический'})`,
    legsCaption: 'Плечи этого звонка',
    colLeg: 'Плечо',
    colWhere: 'Где',
    colFrom: 'Кто',
    colTo: 'Кому',
    colState: 'Состояние',
    colActions: 'Действия',
    answer: 'Ответить',
    answerAs: (who) => `Ответить за ${who}`,
    reject: 'Отклонить',
    rejectAs: (who) => `Отклонить за ${who}`,
    customer: 'клиент',
    customerAnswers: 'Клиент отвечает',
    customerAnswersNamed: (number) => `Клиент ${number} отвечает`,
    customerRejects: 'Клиент отклоняет',
    customerRejectsNamed: (number) => `Клиент ${number} отклоняет`,
    hold: 'Удержание',
    holdAs: (who) => `Поставить на удержание за ${who}`,
    hangUp: 'Положить трубку',
    hangUpAs: (who) => `Положить трубку за ${who}`,
    resume: 'Вернуть',
    resumeAs: (who) => `Снять с удержания за ${who}`,
    transfer: 'Перевести…',
    transferWho: (who) => `Перевести за ${who}`,
    transferTo: 'Куда',
    transferTarget: 'вн. или номер',
    method: 'Способ',
    blind: 'без консультации',
    consult: 'с консультацией (удержание)',
    transferGo: 'Перевести',
    customerHangsUp: 'Клиент кладёт трубку',
    customerHangsUpNamed: (number) => `Клиент ${number} кладёт трубку`,
    customerLabel: (number) => `Клиент ${number}:`,
    customerPresses: (number) => `Клиент ${number} нажимает клавиши`,
    keys: 'Клавиши',
    press: 'Нажать',
    live: '· вручную',
    recording: '· идёт запись',
  },
  format: {
    directions: { incoming: 'входящий', outgoing: 'исходящий', internal: 'внутренний' },
    states: { Appeared: 'звонит', Connected: 'разговор', OnHold: 'на удержании', Disconnected: 'завершён' },
    locations: { ivr: 'голосовое меню', queue: 'очередь', abonent: 'у сотрудника' },
    via: (name) => `через ${name}`,
    group: (id) => `группа ${id}`,
    line: (number) => `линия ${number}`,
  },
  office: {
    algorithms: {
      0: 'по очереди',
      1: 'параллельно по приоритету',
      2: 'все свободные сразу',
      3: 'случайно',
      5: 'дольше всех свободный',
    },
    answersAfter: (sec, talk) => `отвечает через ${sec} с${talk ? `, говорит ${talk} с` : ''}`,
    never: 'не отвечает',
    alwaysBusy: 'всегда занят',
    dnd: 'не беспокоить',
    rejects: 'отклоняет',
    records: (what) => `запись: ${what}`,
    recordingModes: { all: 'все', incoming: 'входящие', outgoing: 'исходящие', none: 'нет' },
    waitsForConsole: (name) => `Телефон: ${name} — теперь ждёт ответа из консоли`,
    followsPolicy: (name) => `Телефон: ${name} — снова отвечает по своей политике`,
    answerFromConsole: 'отвечать из консоли',
    free: 'свободен',
    busy: 'занят',
    activity: { ringing: 'звонит', talking: 'разговаривает', 'on hold': 'на удержании', calling: 'набирает' },
    queueOf: (size, wait) => `до ${size}, ${wait} с`,
    noQueue: 'без очереди',
    confirmReset: 'Вернуть демо-офис? Текущие звонки завершатся, история очистится.',
    demoLoaded: 'Демо-офис загружен',
    loaded: (name) => `Офис «${name}» загружен`,
    notLoaded: (n) => `Офис не загружен: ${n} ${ruPlural(n, 'ошибка', 'ошибки', 'ошибок')}.`,
    root: '(корень)',
  },
  deliveries: {
    notUrl: (url) => `«${url}» — не адрес http(s)`,
    goTo: (urls) => `Уведомления уходят на ${urls}`,
    goNowhere: 'Уведомления никуда не отправляются',
    attempt: (n, at) => `№${n} в ${at}: `,
    inMs: (ms) => ` за ${ms} мс`,
    title: (id, path) => `Доставка ${id}: ${path}`,
    url: 'Адрес',
    status: 'Статус',
    replayOf: 'Повтор доставки',
    attempts: 'Попытки',
    noneYet: 'Пока нет.',
    payload: 'Содержимое',
    close: 'Закрыть',
    closeDetail: (id) => `Закрыть доставку ${id}`,
    replay: 'Повторить',
    replayNamed: (id) => `Повторить доставку ${id}`,
    replayed: (id) => `Отправлено ещё раз как доставка ${id}`,
    show: 'Содержимое',
    showNamed: (id) => `Показать доставку ${id}`,
    replayMark: (id) => ` повтор №${id}`,
    statuses: { pending: 'в очереди', delivered: 'доставлено', failed: 'ошибка' },
    empty: 'Доставок пока нет.',
    noTarget: 'Доставок нет: задайте адрес для уведомлений выше.',
    noMatch: 'Под фильтр ничего не подходит.',
    page: (from, to, total) => `${from}–${to} из ${total}`,
    answered: 'отвечен',
    missed: 'пропущен',
    reason: (code) => `причина ${code}`,
    keys: (digits) => `клавиши ${digits}`,
    command: (id, result) => `команда ${id} → ${result}`,
    callStates: {
      Appeared: 'вызов',
      Connected: 'соединён',
      OnHold: 'на удержании',
      Disconnected: 'разъединён',
    },
    recordingStates: {
      Started: 'запись началась',
      Continued: 'запись продолжается',
      Completed: 'запись готова',
    },
    seq: (n) => `№ ${n}`,
    ms: (ms) => `${ms} мс`,
  },
  history: {
    answered: 'отвечен',
    missed: 'пропущен',
    line: (number) => ` · линия ${number}`,
    recordingOf: (n, who) => `Запись ${n} звонка от ${who}`,
    download: (label) => `Скачать: ${label}`,
    duration: (d) => `длится ${d}`,
    noMp3: 'Ваш браузер не проигрывает MP3.',
  },
  requests: {
    didYouMean: 'возможно, имелся в виду ',
    emptyArray: 'json=[] прочитан как {}',
  },
};

/** The languages of the console. */
export const LANGUAGES = /** @type {const} */ (['en', 'ru']);
/** @typedef {(typeof LANGUAGES)[number]} Lang */

const CATALOGUES = { en, ru };
const STORAGE_KEY = 'mangokit-console-lang';

/** @type {Lang | undefined} */
let current;

/**
 * The language a browser asks for: Russian when its first language is Russian, else English.
 * @param {readonly string[]} languages `navigator.languages`
 * @returns {Lang}
 */
export function languageOf(languages) {
  return (languages[0] ?? '').toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** @returns {Lang} the language in use: the one chosen with the switch, else the browser's */
export function language() {
  if (!current) {
    let saved = null;
    try {
      saved = globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      // storage may be off
    }
    const nav = globalThis.navigator;
    current =
      saved === 'en' || saved === 'ru'
        ? saved
        : languageOf(nav ? (nav.languages?.length ? nav.languages : [nav.language]) : []);
  }
  return current;
}

/** @returns {ConsoleText} the texts of the language in use */
export function t() {
  return CATALOGUES[language()];
}

/**
 * Chooses a language (and remembers it).
 * @param {Lang} lang
 */
export function setLanguage(lang) {
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // storage may be off
  }
}

/** The catalogues, for the tests that check the page's keys. */
export const CONSOLE_TEXT = CATALOGUES;

/**
 * Fills the page's static text in the language in use: `data-i18n` (text) and
 * `data-i18n-aria-label` (accessible name) by key of `page`, and `<html lang>`.
 * @param {ParentNode} [root]
 */
export function applyPageText(root = document) {
  const page = /** @type {Record<string, string>} */ (t().page);
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const text = page[el.getAttribute('data-i18n') ?? ''];
    if (text !== undefined && el.textContent !== text) el.textContent = text;
  }
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
    const text = page[el.getAttribute('data-i18n-aria-label') ?? ''];
    if (text !== undefined) el.setAttribute('aria-label', text);
  }
  document.documentElement.lang = language();
  document.title = t().page.title;
}
