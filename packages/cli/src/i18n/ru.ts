/**
 * Всё, что `mangokit` пишет для человека, по-русски. Ключи те же, что в `en.ts`: пропущенный или
 * лишний ключ — ошибка компиляции. Машинный вывод (`--json`, заголовки CSV, коды выхода) здесь не
 * переводится: он одинаков на любом языке.
 * Длинный, потому что это каталог: по записи на текст, в одном файле, чтобы переводчик видел все.
 */
import type { Catalogue } from './en.js';
import { helpRu } from './help.ru.js';

const plural = (n: number, one: string, few: string, many: string) => {
  const n10 = n % 10;
  const n100 = n % 100;
  if (n10 === 1 && n100 !== 11) return one;
  if (n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14)) return few;
  return many;
};

/** Подстановки для сообщений SDK (они по-английски): самые частые фразы — по-русски. */
const SDK_PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/^connection failed/, 'не удалось соединиться'],
  [/^no answer within (\d+) ms/, 'нет ответа за $1 мс'],
  [/^recording truncated: (\d+) of (\d+) bytes/, 'запись оборвалась: получено $1 из $2 байт'],
  [/^recording download failed/, 'не удалось скачать запись'],
  [/^request aborted/, 'запрос прерван'],
  [/: (\S+) is required$/, ': не указан обязательный параметр $1'],
  [/^(\S+) is required/, 'не указан обязательный параметр $1'],
];

export const ru: Catalogue = {
  ...helpRu,

  commands: {
    call: {
      args: {
        EXTENSION: 'внутренний номер сотрудника, которому звонить первым, например 101',
        NUMBER: 'куда звонить: телефон, внутренний номер или короткий номер группы',
      },
      options: {
        line: 'исходящая линия (номер, который увидит собеседник); для SIP-линий — имя линии',
        device: 'звонить сотруднику на это устройство, а не на основное',
        'auto-answer': 'попросить телефон сотрудника ответить сразу (Call-Info/answer-after=0)',
      },
    },
    'call-group': {
      description:
        'Ровно один из FROM и TO — короткий номер группы. Сначала группа (FROM=группа): отвечает\n' +
        'оператор, затем набирается клиент. Сначала клиент (TO=группа): отвечает клиент, затем звонит группа.',
      args: {
        FROM: 'короткий номер группы или внешний номер, который набирается первым',
        TO: 'внешний номер или короткий номер группы',
      },
      options: { line: 'линия ВАТС, с которой звонить (обязательна у MANGO OFFICE)' },
    },
    hangup: {
      args: { CALL_ID: 'идентификатор плеча (call_id из events/call или `mangokit listen`)' },
    },
    route: {
      args: {
        CALL_ID: 'плечо, которое направить',
        TO_NUMBER: 'внутренний номер, короткий номер группы или любой номер',
      },
      options: { 'display-name': 'имя звонящего, которое увидит новый адресат (From/display-name)' },
    },
    transfer: {
      args: {
        CALL_ID: 'плечо разговора, который переводится',
        TO_NUMBER: 'куда переводить: внутренний номер, короткий номер группы или любой номер',
      },
      options: {
        initiator: 'сотрудник, который переводит (его внутренний номер или номер на этом плече)',
        consult: 'перевод с консультацией (метод "hold"): сначала поговорить с адресатом',
      },
    },
    hold: {
      args: { CALL_ID: 'плечо разговора' },
      options: {
        initiator: 'сотрудник, который ставит на удержание (его внутренний номер или номер на плече)',
      },
    },
    connect: {
      args: {
        HELD_CALL_ID: 'call_id плеча на удержании (OnHold)',
        CONSULT_CALL_ID: 'call_id плеча консультации, появившегося после удержания',
      },
      options: { initiator: 'номер плеча, которое остаётся (from.number плеча консультации)' },
    },
    'cancel-transfer': {
      args: { CALL_ID: 'call_id плеча на удержании (OnHold)' },
    },
    record: {
      args: {
        CALL_ID: 'текущее плечо',
        PARTY: 'чью сторону записывать: внутренний номер сотрудника (лучше) или номер',
      },
    },
    play: {
      args: {
        CALL_ID: 'плечо в голосовом меню или очереди',
        AUDIO_ID: 'идентификатор аудиофайла (см. `mangokit api audiofiles`)',
      },
      options: { after: 'пауза после проигрывания, прежде чем меню продолжит работу' },
    },
    sms: {
      description:
        'До 612 латинских или 268 кириллических символов. Отчёт о доставке придёт уведомлением events/sms.',
      args: {
        EXTENSION: 'сотрудник, от чьего имени отправка (и на чей счёт)',
        NUMBER: 'получатель',
        TEXT: 'текст сообщения (в кавычках)',
      },
      options: { sender: 'имя отправителя, разрешённое в вашем аккаунте' },
    },
    users: {
      description:
        'MANGO OFFICE разрешает этот метод раз в 2 с; клиент ждёт своей очереди. Список сохраняется,\n' +
        'чтобы оболочка дополняла внутренние номера (`mangokit completion`).',
      options: { extension: 'только сотрудник с этим внутренним номером' },
    },
    groups: { options: { group: 'только группа с этим id' } },
    history: {
      description:
        'Просит ВАТС подготовить статистику, ждёт готовности (MANGO OFFICE просит опрашивать не чаще\n' +
        'раза в 5 с) и выводит строки по мере получения. Периоды длиннее месяца делятся на части.\n' +
        'В таблице плечи идут по времени начала, время — в вашем часовом поясе (TZ), причины\n' +
        'завершения — словами; в CSV и JSON время в ISO 8601. --excel пишет CSV, который Excel\n' +
        'с русской локалью открывает таблицей: разделитель «;», UTF-8 с BOM.',
      options: {
        extension: 'звонки, где этот сотрудник — любая из сторон',
        number: 'звонки, где этот номер — любая из сторон',
        'from-extension': 'звонки, которые сделал этот сотрудник',
        'from-number': 'звонки с этого номера',
        'to-extension': 'звонки этому сотруднику',
        'to-number': 'звонки на этот номер',
        fields: 'столбцы через запятую (список ниже)',
        csv: 'вывести CSV (заголовок и строка на плечо)',
        sep: 'разделитель CSV: "," (по умолчанию), ";" или tab',
        excel: 'CSV для Excel: разделитель «;», UTF-8 с BOM, CRLF, даты в понятном Excel виде',
      },
    },
    'recording download': {
      description:
        'Переходит по одноразовой ссылке из ответа ВАТС и пишет файл по частям (сначала ФАЙЛ.part,\n' +
        'после загрузки — переименование и проверка размера). -o - пишет в stdout.\n' +
        'Без -o ФАЙЛ имя даёт сервер; если файл с таким именем уже есть, он остаётся\n' +
        '(об этом будет ошибка), если не указан --force.',
      args: { RECORDING_ID: 'из events/recording, `mangokit history` или манифеста архива' },
      options: {
        output: 'куда записать (по умолчанию — под именем от сервера, в текущий каталог)',
        force: 'заменить существующий файл с именем от сервера (с -o ФАЙЛ он заменяется всегда)',
      },
    },
    'recording link': {
      description:
        'Ссылка работает без входа: любой, у кого она есть, скачает запись, пока срок не истёк.\n' +
        'В аккаунте должны быть разрешены ссылки (ЛК: «Записи разговоров: предоставлять ссылки»).',
      args: { RECORDING_ID: 'запись' },
      options: {
        expires: 'срок действия (30m, 2h, 7d) или дата; по умолчанию 1h',
        action: 'play (воспроизвести в браузере, по умолчанию) или download (скачать файлом)',
      },
    },
    archive: {
      description:
        'Читает историю звонков за период, оставляет звонки по фильтрам и скачивает их записи в\n' +
        'DIR/ГГГГ-ММ-ДД/ГГГГММДД-ЧЧММСС_<сотрудник>_<номер>_<id>.mp3 (время московское).\n' +
        'Файлы пишутся на диск потоком (ФАЙЛ.part, после загрузки — переименование и проверка размера),\n' +
        'так что память не растёт. После обрыва запустите ту же команду: готовые файлы пропускаются,\n' +
        'а недокачанный ФАЙЛ.part продолжается с места обрыва (запрос HTTP Range; сервер, который\n' +
        'Range не понимает, пришлёт файл целиком). DIR/manifest.csv и DIR/manifest.json перечисляют\n' +
        'все записи архива со звонками. Запросы укладываются в лимиты MANGO OFFICE.',
      options: {
        out: 'каталог архива (создаётся, если его нет)',
        employee: 'только звонки этого сотрудника (внутренний номер)',
        group: 'только звонки операторов этой группы (id или короткий номер группы)',
        direction: 'incoming (in) — входящие, outgoing (out) — исходящие, internal — внутренние',
        'min-talk': 'только звонки, где разговор длился не меньше SEC секунд',
        answered: 'только отвеченные звонки',
        concurrency: 'одновременных загрузок (по умолчанию 4, не больше 16)',
        'dry-run': 'показать, что будет скачано, ничего не скачивая',
        'allow-host':
          'хост, на который можно перенаправить скачивание, кроме хоста API и files.mango-office.ru',
      },
    },
    sandbox: {
      description:
        'Запускает песочницу с демо-офисом (или --office ФАЙЛ в JSON или YAML, или встроенный офис:\n' +
        '`demo`, `vendor-examples` — со всеми идентификаторами из FAQ и примеров API MANGO OFFICE) и\n' +
        'выводит адрес консоли, адрес API и ключи для подключения. Направьте на адрес API любой клиент;\n' +
        'уведомления уходят на каждый адрес --webhook (к нему добавляется events/call, …). С --json\n' +
        'запущенную песочницу описывает одна строка JSON.\n\n' +
        'С --replay FILE (его пишут `mangokit listen --record` и `mangokit proxy --record`) записанные\n' +
        'уведомления снова отправляются на адреса уведомлений с записанными паузами (--speed N — в N раз\n' +
        'быстрее, --speed max — подряд), каждый json байт в байт, с подписью ключами песочницы, а на\n' +
        'запросы к API отвечают записанные обмены: кассета для тестов без сети. Запрос совпадает с\n' +
        'записанным по методу, пути и параметрам json (без учёта порядка ключей, command_id, request_id\n' +
        'и окон дат в запросах статистики; --ignore-param добавляет ещё); на повторы отвечают в записанном\n' +
        'порядке; на запрос без пары — 404 с ближайшим записанным запросом и чем он отличается.',
      options: {
        port: 'порт (по умолчанию 5080; 0 — любой свободный)',
        host: 'интерфейс (по умолчанию 127.0.0.1); не на loopback /_sandbox/ требует управляющий токен',
        'control-token': 'токен для /_sandbox/ и консоли (создаётся сам, если --host не loopback)',
        office: 'файл офиса (JSON или YAML) или встроенный офис: demo, vendor-examples',
        webhook: 'адрес для уведомлений (можно несколько раз)',
        clock: 'real (по умолчанию) или manual (время идёт только по `trigger advance`)',
        speed: 'во сколько раз быстрее идут реальные часы (по умолчанию 1)',
        'no-limits': 'отключить лимиты запросов и блокировку ключа после неверных запросов',
        shuffle: 'доставлять уведомления не по порядку, как может настоящая ВАТС',
        'save-profile': 'сохранить ключи этой песочницы как профиль',
        replay:
          'отправить уведомления, записанные в FILE, и отвечать на запросы к API по нему (можно несколько раз)',
        'ignore-param':
          'с --replay: параметр запроса, который не учитывать при сопоставлении (можно несколько раз)',
      },
    },
    trigger: {
      description:
        'Отправляет одно действие в управляющий API запущенной `mangokit sandbox` и выводит ответ.\n' +
        'Поля задаются через --set поле=значение (вложенные: policy.onRing=answer; JSON как есть: поле:=[1,2]).',
      args: { SCENARIO: 'один из сценариев ниже' },
      options: { set: 'поле запроса (можно несколько раз)' },
    },
    listen: {
      description:
        'Запускает HTTP-сервер, который принимает уведомления на любой путь, оканчивающийся на events/…,\n' +
        'result/… или ping, проверяет vpbx_api_key и sign вашими ключами и печатает строку на событие\n' +
        '(с --json — объект JSON на строку). С --forward-to каждое проверенное уведомление заново\n' +
        'подписывается и отправляется на URL + его путь (например, URL/events/call), как это делает ВАТС, —\n' +
        'до ответа отправителю: если приложение недоступно, отправитель получит 503 (и пришлёт уведомление\n' +
        'ещё раз), если оно ответит ошибкой — получит этот статус. На уведомления, не прошедшие проверку,\n' +
        'отвечает 401 и показывает их как отклонённые; таблица статусов — как у обработчика SDK.\n\n' +
        'С --record FILE каждый запрос дописывается в FILE строкой JSON ровно в том виде, в каком пришёл\n' +
        '(время, путь, заголовки, сырое тело формы, данный ответ), значение sign скрыто; --mask-numbers\n' +
        'к тому же заменяет телефонные номера и SIP-адреса метками, одинаковыми для одного номера.\n' +
        'Принятое уведомление записывается до ответа (если записать не удалось — ответ 503, и ВАТС\n' +
        'пришлёт его снова). Такие файлы читают `mangokit sandbox --replay FILE` и `mangokit conformance FILE`.',
      options: {
        port: 'порт (по умолчанию 8080; 0 — любой свободный)',
        host: 'адрес (по умолчанию 127.0.0.1; 0.0.0.0 — для настоящей ВАТС)',
        'forward-to': 'пересылать каждое проверенное уведомление на URL + его путь',
        'forward-key': 'ключ API для подписи пересылаемых уведомлений (по умолчанию — ваш)',
        'forward-salt': 'ключ для создания подписи пересылаемых уведомлений (по умолчанию — ваш)',
        'skip-verify': 'принимать уведомления без проверки подписи',
        count: 'выйти после N принятых уведомлений',
      },
    },
    proxy: {
      description:
        'Запускает HTTP-сервер, на который приложение направляется вместо API: каждый запрос без\n' +
        'изменений пересылается на --upstream + его путь (байты тела и заголовки; Host — как у upstream),\n' +
        'а ответ по мере получения отдаётся обратно, двоичный тоже. Перенаправление (302 от\n' +
        'queries/recording/post) возвращается через прокси, так что и скачивание файла идёт через него.\n' +
        'С --record FILE каждый обмен дописывается в FILE строкой JSON: запрос (путь, заголовки, поля\n' +
        'формы, sign скрыт) и ответ (статус, заголовки, тело; двоичное — длина и SHA-256, а до\n' +
        '--body-limit ещё и base64). --mask-numbers скрывает номера в запросах и ответах.\n' +
        '`mangokit sandbox --replay FILE` отвечает по такому файлу.',
      options: {
        port: 'порт (по умолчанию 8090; 0 — любой)',
        host: 'адрес (по умолчанию 127.0.0.1)',
        upstream:
          'куда пересылать (по умолчанию https://app.mango-office.ru; песочница — http://127.0.0.1:5080)',
        'body-limit': 'хранить в записи двоичные ответы до BYTES байт в base64 (по умолчанию 1048576)',
        count: 'выйти после N обменов',
      },
    },
    conformance: {
      description:
        'Читает файл трафика (`mangokit listen --record`, `mangokit proxy --record`; несколько файлов —\n' +
        'одна временная шкала), восстанавливает записанный сценарий — сотрудников, линии, группы и IVR\n' +
        'офиса и действия внешнего мира: клиент звонит на линию, сотрудник набирает номер или отвечает,\n' +
        'нажимает клавиши, ставит на удержание, переводит, кладёт трубку, внешняя система отправляет\n' +
        'команду — проигрывает его на движке звонков песочницы по часам, начинающимся со времени записи,\n' +
        'и показывает, чем уведомления песочницы отличаются от записанных: недостающие и лишние события,\n' +
        'их порядок (seq), коды, значения, поля, которые есть только у одной стороны, времена, отличающиеся\n' +
        'больше чем на --tolerance. Сравниваются только пути уведомлений, которые есть в записи; число,\n' +
        'переданное строкой, показывается, но считается расхождением только с --strict-types.\n' +
        'Код выхода 0, если всё совпало, 6 — если есть расхождения.',
      args: { FILE: 'файл трафика' },
      options: {
        also: 'ещё один файл трафика того же времени (например, прокси рядом с записью listen)',
        'ignore-field': 'не сравнивать поле: имя (dct) или путь (to.line_number)',
        tolerance: 'времена, отличающиеся больше чем на SEC секунд, — расхождение (по умолчанию 1)',
        'strict-types': 'число, переданное строкой (или наоборот), — тоже расхождение',
      },
    },
    'logs tail': {
      description:
        'Подключается к живому потоку запущенной `mangokit sandbox` (её управляющему API) или шлюза\n' +
        '(`/stream`, с --gateway URL) и печатает строку на каждое уведомление, а для песочницы — и на\n' +
        'каждый запрос к API, на который она ответила (с --json — объект JSON на строку). При обрыве\n' +
        'переподключается; остановить — Ctrl-C.',
      options: {
        gateway: 'следить за этим шлюзом, а не за песочницей (например, http://127.0.0.1:8080)',
        'admin-token':
          'токен администратора шлюза (переменная GATEWAY_ADMIN_TOKEN или MANGOKIT_GATEWAY_TOKEN)',
        only: 'notifications — только уведомления, requests — только запросы (по умолчанию всё)',
        count: 'выйти после N строк',
      },
    },
    gateway: {
      description:
        'Запускает @mangokit/gateway: каждое уведомление проверяется и сохраняется (SQLite или PostgreSQL\n' +
        'с --database-url) до ответа 200, сворачивается в звонки, пересылается получателям с повторами,\n' +
        'а с --archive-dir записи разговоров складываются в архив. По Ctrl-C останавливается аккуратно.\n' +
        'Принимает те же параметры и переменные окружения, что и `mangokit-gateway`.',
    },
    api: {
      description:
        'PATH — путь относительно адреса API (/vpbx/): например, audiofiles, schemas, bwlists/numbers/,\n' +
        'member/create или ../cc/get_statuses для API Контакт-центра. Ответ выводится как JSON.\n' +
        '--data принимает JSON в строке, @ФАЙЛ — прочитать файл, - — прочитать stdin.',
      args: { PATH: 'путь метода, например audiofiles или commands/callback' },
      options: { data: "тело запроса: '{…}', @file.json или - для stdin (по умолчанию {})" },
    },
    sdk: {
      description:
        'Любой метод клиента SDK mangokit — с проверкой параметров, лимитами, повторами и опросом:\n' +
        '`mangokit sdk` без аргументов выводит их список. --data — объект параметров (или массив JSON\n' +
        'позиционных аргументов, например \'["<id записи>"]\'); @ФАЙЛ читает файл. Результат — JSON;\n' +
        'потоковые результаты (stats.history, stats.calls) — объект JSON на строку.',
      args: { METHOD: 'ресурс.метод, например members.create или stats.calls' },
      options: { data: "параметры: '{…}', '[…]' (позиционные) или @file.json" },
    },
    'profile add': {
      description:
        'Сохраняет ключ, соль и, если задан, адрес API в $XDG_CONFIG_HOME/mangokit/config.json\n' +
        '(~/.config/mangokit/config.json), доступный только вам. Недостающее берётся из\n' +
        'MANGO_API_KEY / MANGO_API_SALT / MANGO_BASE_URL; если соли нет и там, в терминале она\n' +
        'спрашивается со скрытым вводом (--api-salt - читает её из stdin) — так она не попадёт\n' +
        'в историю оболочки.',
      args: { NAME: 'имя профиля, например work или sandbox' },
      options: {
        'api-key': 'ключ API (vpbx_api_key)',
        'api-salt': 'ключ для создания подписи (соль); - — прочитать из stdin; без него — спросить',
        'base-url': 'адрес API (не указывайте для настоящего API MANGO OFFICE)',
        default: 'использовать этот профиль, когда других ключей не задано',
      },
    },
    'profile remove': { args: { NAME: 'профиль, который удалить' } },
    'profile use': {
      args: { NAME: 'профиль по умолчанию' },
    },
    config: {
      description: 'Сама соль не выводится никогда — только то, откуда она взята.',
    },
    completion: {
      description:
        'Дополняет команды, параметры и их значения: сценарии, оболочки, --direction и другие\n' +
        'фиксированные варианты, имена профилей и внутренние номера сотрудников из кэша активного\n' +
        'профиля (его заполняет `mangokit users`).',
      args: { SHELL: 'bash, zsh или fish' },
    },
  },

  scenarios: {
    heading: 'Сценарии',
    incoming: 'клиент звонит на линию (по умолчанию — на первую)',
    callback: 'обратный звонок без подписи (как commands/callback)',
    'callback-group': 'звонок группе без подписи (как commands/callback_group)',
    dtmf: 'звонящий нажимает клавиши в голосовом меню',
    'caller-hangup': 'клиент кладёт трубку',
    'caller-answer': 'клиент, которому звонят, отвечает',
    'caller-reject': 'клиент, которому звонят, отклоняет вызов',
    answer: 'сотрудник отвечает',
    reject: 'сотрудник отклоняет вызов',
    hangup: 'сотрудник кладёт трубку',
    hold: 'сотрудник ставит на удержание',
    unhold: 'снять с удержания',
    transfer: 'сотрудник переводит вызов',
    manual: 'управлять телефоном сотрудника вручную (он перестаёт следовать своей политике)',
    advance: 'перевести ручные часы вперёд',
    speed: 'скорость реальных часов',
    fault: 'заставить путь API отвечать ошибкой (статус, код результата или задержка)',
    'clear-faults': 'убрать все сбои',
    'sms-reason': 'результат доставки следующего SMS',
    webhook: 'куда отправлять уведомления',
    replay: 'отправить доставленное уведомление ещё раз',
    dial: 'сотрудник набирает номер со своего телефона (без команды API)',
    'party-hangup': 'одна из сторон соединённого плеча кладёт трубку (from — 1110, to — 1120)',
    ping: '«Проверить подключение» из личного кабинета: подписанное уведомление ping на каждый вебхук',
    reset: 'вернуть исходный офис: завершить все звонки, снять блокировку ключа',
    state: 'состояние песочницы (часы, офис, текущие звонки, блокировка ключа)',
    calls: 'текущие звонки и их плечи',
  },

  usage: {
    error: 'ошибка',
    hint: 'подсказка',
    unknownCommand: (name) => `неизвестная команда «${name}»`,
    needsSubcommand: (word, subs) => `\`${word}\` требует подкоманду: ${subs}.`,
    didYouMean: (command) => `Может быть, \`mangokit ${command}\`? Список всех команд: \`mangokit --help\`.`,
    runMainHelp: 'Список всех команд: `mangokit --help`.',
    runHelpOptions: (command) => `Параметры и примеры: \`mangokit ${command} --help\`.`,
    runHelpExamples: (command) => `Примеры: \`mangokit ${command} --help\`.`,
    runHelpArguments: (command) => `Аргументы: \`mangokit ${command} --help\`.`,
    usageLine: (usage, command) => `Использование: ${usage}. Примеры: \`mangokit ${command} --help\`.`,
    missing: (names) => `не указан ${names}`,
    and: ' и ',
    unexpected: (n, words) =>
      `${plural(n, 'лишний аргумент', 'лишние аргументы', 'лишние аргументы')}: ${words}`,
    unknownOption: (option) => `неизвестный параметр «${option}»`,
    optionNeedsValue: (option) => `параметру ${option} нужно значение`,
    optionTakesNoValue: (option) => `параметр ${option} не принимает значения`,
    missingOption: (option, what) => `не указан --${option} (${what})`,
    aValue: 'значение',
    wholeNumber: (option, range, value) => `--${option} должен быть целым числом ${range}, а не «${value}»`,
    badLang: (value) => `--lang может быть en или ru, а не «${value}»`,
    chooseOne: (a, b) => `укажите что-то одно: ${a} или ${b}`,
    notUrl: (option, value) => `${option} «${value}» — не URL`,
    example: (text) => `Пример: ${text}`,
    portInUse: (port) => `порт ${port} уже занят`,
    pickPort: 'Выберите другой: --port N (или --port 0 — любой свободный).',
    interrupted: 'прервано',
  },

  errors: {
    timeout: 'Сервер не ответил вовремя. Проверьте адрес API и сеть и повторите.',
    connection: 'Проверьте адрес API (--base-url / MANGO_BASE_URL) и что сервер запущен.',
    sdkMessage: (message) => SDK_PHRASES.reduce((text, [re, to]) => text.replace(re, to), message),
    auth:
      'API не принял ключи. Проверьте ключ и соль (ЛК → Интеграции → API коннектор). ' +
      'Если они верны, ключ заблокирован: после нескольких неверных запросов ВАТС две минуты ' +
      'отвечает 401 на всё (справочник, §1.3) — подождите и повторите. В песочнице ' +
      '`mangokit trigger state` показывает блокировку, а `mangokit trigger reset` снимает её.',
    sandboxLocked: (until, zone) =>
      `Песочница заблокировала ключ после нескольких неверных запросов, как это делает ВАТС (справочник, §1.3): до ${until} (${zone}) на любой запрос ответ 401. Подождите или снимите блокировку: \`mangokit trigger reset\`.`,
    rateLimit: 'Превышен лимит запросов: подождите несколько секунд и повторите.',
    badParameter: 'ВАТС отклонила параметр; сверьте значения со справкой `--help`.',
    notFound:
      'Что-то из указанного в запросе не существует: внутренние номера — `mangokit users`, ' +
      'линии — `mangokit lines`, идентификаторы звонков — `mangokit listen`.',
    callEnded: 'Звонок уже завершён (или call_id неизвестен).',
    billing: 'Тариф или баланс этого не позволяют; проверьте `mangokit balance` и услуги аккаунта.',
    server: 'Сбой на стороне ВАТС; повторите чуть позже.',
    bug: 'Похоже на ошибку в mangokit: запустите с MANGOKIT_DEBUG=1, чтобы увидеть стек, и сообщите о ней.',
    status401:
      'нет доступа: неверный vpbx_api_key или подпись, либо ключ заблокирован после неверных запросов',
    status404: 'не найдено (неизвестный путь или истёк ключ статистики)',
    status429: 'превышен лимит запросов',
    resultCode: 'код',
  },

  dates: {
    notADate: (option, value) => `--${option} «${value}» — не дата`,
    dateForms: 'Примеры: 2026-11-01, "2026-11-01 09:30", 2026-11-01T09:30:00Z, 01.11.2026 или Unix-время.',
    notARealDate: (option, value) => `--${option} «${value}» — такой даты нет`,
    toBeforeFrom: '--to раньше, чем --from',
    swapDates: 'Поменяйте даты местами.',
    startExample: 'дата начала, например --from 2026-11-01',
    msk: 'МСК',
  },

  units: {
    bytes: ['Б', 'КБ', 'МБ', 'ГБ', 'ТБ'],
    decimal: ',',
    perSecond: '/с',
    recordingsPerSecond: 'записей/с',
    eta: 'осталось',
  },

  config: {
    cannotRead: (path, detail) => `не удалось прочитать ${path}: ${detail}`,
    notJson: (path) => `${path} — не JSON`,
    fixOrDelete: 'Исправьте или удалите файл и добавьте профили заново.',
    malformedProfile: (name, path) => `профиль «${name}» в ${path} испорчен (нужны строки apiKey и apiSalt)`,
    removeAndAdd: (name) => `Выполните \`mangokit profile remove ${name}\` и добавьте профиль заново.`,
    cannotReadEnv: (path, detail) => `не удалось прочитать файл окружения ${path}: ${detail}`,
    noProfile: (name, path) => `нет профиля «${name}» в ${path}`,
    knownProfiles: (known, name) =>
      `Есть профили: ${known}. Добавить: \`mangokit profile add ${name} --api-key KEY --api-salt SALT\`.`,
    addProfile: (name) => `Добавьте его: \`mangokit profile add ${name} --api-key KEY --api-salt SALT\`.`,
    apiKey: 'ключ API',
    apiSalt: 'соль API',
    notConfigured: (missing) => `не задан ${missing}`,
    howToConfigure:
      'Передайте --api-key и --api-salt, задайте MANGO_API_KEY и MANGO_API_SALT (в окружении или в файле .env) ' +
      'или сохраните профиль: `mangokit profile add work --api-key KEY --default` (соль спросится). ' +
      'Для локальной песочницы запустите `mangokit sandbox` и возьмите ключи, которые она выведет.',
    badBaseUrl: (url, source) => `адрес API «${url}» (из: ${source}) — не URL`,
    baseUrlForm: 'Нужен вид https://app.mango-office.ru/vpbx/ или http://127.0.0.1:5080/vpbx/.',
  },

  calls: {
    accepted: (what, result, commandId) =>
      `${what}: принято (код ${result})\ncommand_id: ${commandId}\n` +
      'Итог придёт уведомлением result/…; следите за ним через `mangokit listen`.\n',
    lineToCallFrom: 'линия, с которой звонить, например --line 74950000666',
    initiatorTransferring: 'внутренний номер сотрудника, который переводит',
    initiatorHolding: 'внутренний номер сотрудника, который ставит на удержание',
    legToKeep: 'номер плеча, которое остаётся',
    audioNotNumber: (value) => `AUDIO_ID должен быть числом, а не «${value}»`,
    smsTooLong: (length, cyrillic) =>
      `в TEXT ${length} ${plural(length, 'символ', 'символа', 'символов')}; можно не больше ${cyrillic ? '268 с кириллицей' : '612 латиницей'}`,
  },

  office: {
    noEmployee: (extension) => `нет сотрудника с внутренним номером ${extension}`,
    noEmployees: 'сотрудников нет',
    noGroups: 'групп нет',
    noLines: 'линий нет',
    off: 'выкл.',
    headers: {
      ext: 'вн.',
      name: 'имя',
      userId: 'id сотр.',
      position: 'должность',
      numbers: 'номера',
      groups: 'группы',
      id: 'id',
      algorithm: 'алгоритм',
      operators: 'операторы',
      number: 'номер',
      region: 'регион',
      scheme: 'схема',
    },
    balance: 'баланс',
    asOf: 'на момент',
  },

  history: {
    combineFilters: '--extension/--number нельзя сочетать с фильтрами --from-*/--to-*',
    combineFiltersHint:
      'ВАТС принимает либо «любая сторона» (call_party), либо фильтры from/to (справочник, §3.1).',
    unknownFields: (n, fields) =>
      `${plural(n, 'неизвестный столбец', 'неизвестные столбцы', 'неизвестные столбцы')}: ${fields}`,
    knownFields: (fields) => `Известные: ${fields}.`,
    badSep: (value) => `--sep может быть ",", ";" или tab, а не «${value}»`,
    fieldsHeading: 'Столбцы для --fields',
    waiting: 'ждём, пока ВАТС подготовит статистику…',
    noCalls: (from, to, zone) => `нет звонков с ${from} по ${to} (${zone})`,
    legs: (n) => `${n} ${plural(n, 'плечо', 'плеча', 'плеч')}`,
    headers: {
      start: 'начало',
      from: 'кто',
      to: 'кому',
      talk: 'разговор',
      reason: 'причина',
      line: 'линия',
      recordings: 'записи',
      entry: 'звонок',
    },
    missed: 'пропущен',
    ivr: 'в меню',
    queue: 'в очереди',
  },

  recording: {
    badAction: (value) => `--action может быть download или play, а не «${value}»`,
    expiresInPast: '--expires уже в прошлом',
    saved: (path, size, type) => `сохранено: ${path} (${size}, ${type})`,
    exists: (path) => `${path} уже есть; не перезаписан`,
    useForce: 'Добавьте --force, чтобы заменить его, или задайте другое имя через -o ФАЙЛ.',
    url: 'ссылка',
    expires: 'действует до',
  },

  archive: {
    outExample: 'каталог архива, например --out ./recordings',
    badDirection: (value) => `--direction может быть incoming, outgoing или internal, а не «${value}»`,
    noGroup: (group) => `нет группы «${group}»`,
    groupsAre: (list) => `Группы: ${list}.`,
    reading: (from, to, zone) => `читаем историю звонков ${from} … ${to} (${zone})…`,
    matchCount: (n) => `подходит ${n} ${plural(n, 'запись', 'записи', 'записей')}`,
    plan: (matched, skipped, partial, todo, out) =>
      `подходит ${matched} ${plural(matched, 'запись', 'записи', 'записей')}; уже в архиве ${skipped}` +
      `${partial ? `, недокачано ${partial}` : ''}, скачать ${todo} → ${out}`,
    label: 'архив',
    summary: (archived, matched, downloaded, size, skipped, partial, partialDone, failed) =>
      `в архиве ${archived} из ${matched}: скачано ${downloaded} (${size}), ` +
      `уже были ${skipped}${partial ? `, докачано ${partialDone}` : ''}, с ошибкой ${failed}`,
    manifest: (csv) => `манифест: ${csv} и manifest.json`,
    failed: (id, error) => `не скачалась ${id}: ${error}`,
    resume: 'Запустите ту же команду ещё раз, чтобы докачать.',
  },

  sandbox: {
    badClock: (value) => `--clock может быть real или manual, а не «${value}»`,
    badSpeed: (value) => `--speed должен быть положительным числом, а не «${value}»`,
    maxNeedsReplay: '--speed max нужен вместе с --replay FILE',
    ignoreNeedsReplay: '--ignore-param относится к --replay',
    addReplay: 'Добавьте --replay FILE.',
    officeNotFound: (file) => `файл офиса ${file} не найден`,
    checkOfficePath: 'Проверьте путь в --office.',
    cannotLoadOffice: (message) => `не удалось загрузить офис: ${message}`,
    officeProblems: (source, count) =>
      `в офисе из ${source} ${plural(count, 'найдена', 'найдены', 'найдено')} ${count} ${plural(count, 'ошибка', 'ошибки', 'ошибок')}`,
    moreOfficeProblems: (count) => `… и ещё ${count}`,
    startFromDemo:
      'Возьмите за основу демо-офис: `curl http://127.0.0.1:5080/_sandbox/office` на запущенной песочнице.',
    banner: (office, employees, groups, lines) =>
      `mangokit sandbox — локальная Виртуальная АТС (${office}: ${employees} ${plural(employees, 'сотрудник', 'сотрудника', 'сотрудников')}, ` +
      `${groups} ${plural(groups, 'группа', 'группы', 'групп')}, линии ${lines})`,
    console: 'консоль',
    control: 'управление',
    controlNeedsToken: (url, token) => `${url} требует токен: Authorization: Bearer ${token}`,
    apiBase: 'адрес API',
    apiKey: 'ключ API',
    apiSalt: 'соль API',
    webhooks: 'уведомления',
    noWebhooks: (mangokit) =>
      `никуда (добавьте --webhook URL, например тот, что выводит \`${mangokit} listen\`)`,
    clock: 'часы',
    clockModes: { real: 'реальные', manual: 'ручные' },
    profile: 'профиль',
    profileSaved: (name) => `сохранён как «${name}» (используйте --profile ${name})`,
    nextSteps: 'В другом терминале:',
    stopHint: 'Остановить — Ctrl-C.',
    stopping: 'останавливаем песочницу…',
  },

  trigger: {
    badUrl: (url) => `адрес песочницы «${url}» — не URL`,
    urlExample: 'Пример: --sandbox http://127.0.0.1:5080',
    unknownScenario: (name) => `неизвестный сценарий «${name}»`,
    didYouMean: (name, all) => `Может быть, \`mangokit trigger ${name}\`? Сценарии: ${all}.`,
    scenarios: (all) => `Сценарии: ${all}.`,
    needsId: (name) => `для ${name} нужен --set id=…`,
    example: (name, example) => `Пример: mangokit trigger ${name} ${example}`,
    unreachable: (base, detail) => `нет связи с песочницей по адресу ${base}: ${detail}`,
    startIt: 'Запустите её: `mangokit sandbox` (или укажите --sandbox URL / MANGO_SANDBOX_URL).',
    refused: (name, status, message) => `песочница отклонила ${name} (HTTP ${status}): ${message}`,
    notNow: 'Звонок сейчас в таком состоянии, что это невозможно; см. `mangokit trigger calls`.',
    lockout: 'блокировка',
    clockNow: 'сейчас',
    lockedUntil: (until, seconds) =>
      `ЗАБЛОКИРОВАН до ${until} (${seconds} с): API отвечает 401 на любой запрос; снять — \`mangokit trigger reset\``,
    lockoutArmed: (until) =>
      `нет; был один неверный запрос — ещё один до ${until} заблокирует ключ до конца двухминутного окна`,
    lockoutClear: 'нет',
    lockoutOff: 'выключена (--no-limits)',
    notFieldValue: (item) => `--set «${item}» — не поле=значение (и не поле:=json)`,
    notJson: (item) => `--set «${item}»: после := должен быть JSON`,
    notNumber: (field, value) => `--set ${field} должен быть числом, а не «${value}»`,
    notBoolean: (field) => `--set ${field} может быть только true или false`,
  },

  listen: {
    exampleOtherTerminal: 'в другом терминале',
    forwardExample: 'Пример: --forward-to http://localhost:3000/mango/',
    orSkipVerify: 'Или добавьте --skip-verify, чтобы показывать уведомления без проверки подписи.',
    forwardNeedsCredentials: 'для пересылки нужны ключи, чтобы подписать уведомления заново',
    passForwardCredentials: 'Передайте --forward-key и --forward-salt.',
    rejected: (path, reason, message) => `✗ ${path} отклонено (${reason}): ${message}`,
    forwarded: (url, outcome, ms) => `  переслано → ${url} ${outcome} (${ms} мс)`,
    forwardFailed: (error) => `ошибка: ${error}`,
    listening: (url, verifying, forwardTo, recordingTo, masked) =>
      `слушаем ${url} — ${verifying ? 'подпись проверяется' : 'подпись НЕ проверяется'}` +
      `${forwardTo ? `, пересылаем на ${forwardTo}` : ''}` +
      `${recordingTo ? `, записываем в ${recordingTo}${masked ? ' (номера скрыты)' : ''}` : ''}. Остановить — Ctrl-C.`,
  },

  events: {
    directions: ['внутренний', 'входящий', 'исходящий'],
    answered: 'отвечен',
    missed: 'пропущен',
    delivered: 'доставлено',
    ok: 'успешно',
    by: 'нажал',
    at: 'в',
    ping: 'проверка связи из личного кабинета',
  },

  logs: {
    badOnly: (value) => `--only может быть notifications или requests, а не «${value}»`,
    unreachable: (url, detail) => `нет связи с ${url}: ${detail}`,
    unauthorised: (url) => `${url} не пустил к потоку (HTTP 401)`,
    giveToken: 'Передайте токен администратора: --admin-token (или GATEWAY_ADMIN_TOKEN).',
    following: (what, url) => `следим за ${what} на ${url} — остановить: Ctrl-C.`,
    sandboxWord: 'песочницей',
    gatewayWord: 'шлюзом',
    reconnecting: 'поток оборвался; переподключаемся…',
    request: 'запрос',
    meant: (path) => `возможно, имелся в виду ${path}`,
    emptyArray: 'json=[] прочитан как {}',
  },

  traffic: {
    writeFailed: (message) => `не удалось дописать запись: ${message}`,
    incomplete: (file, message) => `запись ${file} неполная: ${message}`,
    maskNeedsRecord: '--mask-numbers и --mask-key относятся к записи',
    addRecord: 'Добавьте --record FILE.',
    keyNeedsMask: '--mask-key нужен вместе с --mask-numbers',
    addMask: 'Добавьте --mask-numbers, чтобы скрыть номера.',
    cannotRecord: (file, detail) => `не удалось начать запись в ${file}: ${detail}`,
    pickFile: 'Выберите файл в каталоге, куда можно писать.',
  },

  replay: {
    unreadable: (file, code) => `не удалось прочитать ${file}: ${code}`,
    badFile: (file, message) => `${file} — не файл обмена: ${message}`,
    badFileHint: 'Запишите его командой `mangokit listen --record FILE` или `mangokit proxy --record FILE`.',
    badSpeed: (text) => `--speed может быть положительным числом или max, а не «${text}»`,
    speedExample: 'Например: --speed 10 или --speed max.',
    plan: (notifications, exchanges, speed, webhooks) =>
      `повтор: ${notifications} ${plural(notifications, 'уведомление', 'уведомления', 'уведомлений')}` +
      (notifications === 0
        ? ''
        : webhooks.length === 0
          ? ' не отправляются (нет --webhook, куда их отправить)'
          : ` → ${webhooks.join(', ')}, ${speed === 'max' ? 'без пауз' : `скорость ×${speed}`}`) +
      `; на запросы к API отвечают ${exchanges} ${plural(exchanges, 'записанный обмен', 'записанных обмена', 'записанных обменов')}`,
    deliveryFailed: (why) => `не доставлено (${why})`,
    done: (sent, failed) =>
      `повтор: отправлено ${sent} ${plural(sent, 'уведомление', 'уведомления', 'уведомлений')}` +
      `${failed ? `, не доставлено ${failed}` : ''}; записанные обмены отвечают на запросы до Ctrl-C`,
    cassetteMiss: (request, miss) => `кассета ${request} → 404: ${miss}`,
    cassetteHit: (request, status, exchange) =>
      `кассета ${request} → ${status} (записанный обмен ${exchange})`,
    cassetteUnsigned: (request, status) => `кассета ${request} → ${status} (подпись не ключами песочницы)`,
  },

  conformance: {
    badTolerance: (text) => `--tolerance — число секунд ≥ 0, а не «${text}»`,
    header: (files, calls, notifications, compared) =>
      `mangokit conformance ${files.join(' ')}\n` +
      `в записи: ${calls} ${plural(calls, 'звонок', 'звонка', 'звонков')}, ` +
      `${notifications} ${plural(notifications, 'уведомление', 'уведомления', 'уведомлений')}; ` +
      `сравниваются: ${compared.join(', ') || 'ничего'}\n`,
    played: 'проиграно на песочнице:\n',
    note: (n) => `  заметка: ${n}\n`,
    unplayable: (n) => `  не проиграть: ${n}\n`,
    failure: (offset, step, error) => `  не вышло на +${offset} с (${step}): ${error}\n`,
    differences: (n) => `расхождений: ${n}\n`,
    onlyRecorded: 'только в записи',
    onlySandbox: 'только у песочницы',
    fieldOnlyRecorded: (field, value) => `${field}: только в записи (${value})`,
    fieldOnlySandbox: (field, value) => `${field}: только у песочницы (${value})`,
    fieldDiffers: (field, recorded, sandbox) => `${field}: в записи ${recorded}, у песочницы ${sandbox}`,
    matched: (types) =>
      `песочница отправила то же, что записано${types ? ` (чисел, переданных строкой или наоборот: ${types}; их считает --strict-types)` : ''}\n`,
    differs: (counted, types, unplayable, failures) =>
      `песочница расходится с записью: ${counted} ${plural(counted, 'расхождение', 'расхождения', 'расхождений')}` +
      `${types ? ` (и чисел, переданных строкой или наоборот: ${types})` : ''}` +
      `${unplayable ? `; не проиграть: ${unplayable}` : ''}` +
      `${failures ? `; шагов, которые она отклонила: ${failures}` : ''}\n`,
  },

  proxy: {
    exampleThroughProxy: 'через прокси',
    upstreamNotUrl: (url) => `--upstream «${url}» — не http(s) URL`,
    failed: (error) => `ошибка: ${error}`,
    started: (url, upstream, file, masked) =>
      `прокси на ${url} → ${upstream}${file ? `, записываем в ${file}${masked ? ' (номера скрыты)' : ''}` : ''}. ` +
      `Укажите в приложении адрес API ${url}vpbx/. Остановить — Ctrl-C.\n`,
  },

  gateway: {
    needsPackage: (name) => `mangokit gateway нужен пакет ${name}, а он не установлен`,
    installIt: (name) =>
      `Установите его рядом с CLI: \`npm i -g ${name}\` рядом с глобальным mangokit или \`npm i ${name}\` ` +
      'в проекте (через npx: `npx -p @mangokit/cli -p @mangokit/gateway mangokit gateway …`).',
    listening: (url) =>
      `шлюз слушает ${url}/ — укажите этот адрес в ЛК как адрес внешней системы (events/call, …)`,
    store: 'хранилище',
    forwardingTo: 'пересылка на',
    archivingTo: 'архив записей в',
    stopHint: 'Остановить — Ctrl-C.',
    stopping: 'останавливаем шлюз…',
    optionMissing: 'параметры появятся после установки @mangokit/gateway',
  },

  api: {
    cannotRead: (file, detail) => `не удалось прочитать ${file}: ${detail}`,
    notJson: (detail) => `--data — не JSON: ${detail}`,
    notObject: '--data должен быть объектом JSON',
  },

  sdk: {
    returnsStream: (name) => `${name} возвращает поток`,
    use: (command) => `Используйте \`${command}\`.`,
    noMethod: (name) => `в SDK нет метода «${name}»`,
    resourceHas: (resource, methods) => `У ${resource} есть: ${methods}.`,
    listAll: 'Список всех методов: `mangokit sdk`.',
  },

  profile: {
    exampleHiddenSalt: 'соль спросится со скрытым вводом',
    badName: (name) => `недопустимое имя профиля «${name}»`,
    nameRule: 'Можно латинские буквы, цифры, точку, дефис и подчёркивание (не больше 64).',
    noProfile: (name) => `нет профиля «${name}»`,
    seeList: 'См. `mangokit profile list`.',
    missing: (option) => `не указан ${option}`,
    giveBoth: 'Укажите --api-key и --api-salt (или задайте MANGO_API_KEY и MANGO_API_SALT).',
    saltPrompt: 'Соль API (ввод скрыт): ',
    saltStdin: 'в stdin нет соли',
    baseUrlExample: 'Пример: http://127.0.0.1:5080/vpbx/',
    saved: (name, path, replaced, isDefault) =>
      `профиль «${name}» ${replaced ? 'обновлён' : 'сохранён'} в ${path}${isDefault ? ' (по умолчанию)' : ''}`,
    none: (path) =>
      `в ${path} нет профилей\nДобавить: mangokit profile add work --api-key KEY (соль спросится со скрытым вводом)`,
    headers: { name: 'имя', default: 'основной', apiKey: 'ключ api', salt: 'соль', baseUrl: 'адрес api' },
    set: '(задана)',
    mango: '(MANGO OFFICE)',
    removed: (name) => `профиль «${name}» удалён`,
    nowDefault: (name) => `профиль по умолчанию теперь «${name}»`,
  },

  configShow: {
    labels: {
      apiKey: 'ключ API',
      apiKeyFrom: 'ключ взят из',
      apiSalt: 'соль API',
      apiSaltFrom: 'соль взята из',
      baseUrl: 'адрес API',
      baseUrlFrom: 'адрес взят из',
      configFile: 'файл настроек',
    },
    set: '(задана)',
    default: 'по умолчанию',
    sources: { flags: 'флагов', environment: 'окружения', profile: (name) => `профиля ${name}` },
  },

  completion: {
    exampleFpath: 'каталог из $fpath',
    unsupported: (shell) => `оболочка «${shell}» не поддерживается`,
    choose: (shells) => `Выберите одну из: ${shells}.`,
  },
};
