/**
 * Every text of the `mangokit` command line a person reads, in English: help (with `help.en.ts`),
 * messages, errors, hints, table headers. `ru.ts` has the same keys (the compiler checks it against `Catalogue`).
 * Machine output (`--json`, CSV headers, exit codes) is not here: it never changes with the language.
 * Long because it is a catalogue: one entry per text, kept in one file so a translator sees them all.
 */

import { helpEn } from './help.en.js';

/** The texts of one command's help. */
export interface CommandText {
  /** The one-line summary (in `HelpCatalogue.summaries`, which `--help` loads alone). */
  summary: string;
  /** Extra help paragraphs. */
  description?: string;
  /** Positional arguments by name (`EXTENSION`). */
  args?: Record<string, string>;
  /** Options by name (`line`); shared options are in `Catalogue.options`. */
  options?: Record<string, string>;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const en = {
  /** The help's own texts, the shared options and the command summaries. */
  ...helpEn,

  commands: {
    call: {
      args: {
        EXTENSION: 'employee extension to ring first, e.g. 101',
        NUMBER: 'number to dial: phone, extension or group short number',
      },
      options: {
        line: 'outgoing line (caller ID); for SIP lines the line name',
        device: 'ring the employee on this device instead of the default',
        'auto-answer': "ask the employee's phone to answer at once (Call-Info/answer-after=0)",
      },
    },
    'call-group': {
      description:
        'Exactly one of FROM and TO is a group short number. Group first (FROM=group): an operator\n' +
        'answers, then the client is dialled. Client first (TO=group): the client answers, then the group rings.',
      args: {
        FROM: 'group short number or external number dialled first',
        TO: 'external number or group short number',
      },
      options: { line: 'line of the PBX to call from (required by the vendor)' },
    },
    hangup: {
      args: { CALL_ID: 'leg id (call_id from events/call or `mangokit listen`)' },
    },
    route: {
      args: { CALL_ID: 'leg to re-route', TO_NUMBER: 'extension, group short number or any number' },
      options: { 'display-name': 'caller name shown to the new destination (From/display-name)' },
    },
    transfer: {
      args: {
        CALL_ID: 'connected leg to transfer',
        TO_NUMBER: 'transfer target: extension, group short number or any number',
      },
      options: {
        initiator: 'the employee transferring (their extension or number on the leg)',
        consult: 'consultative transfer (method "hold"): talk to the target first',
      },
    },
    hold: {
      args: { CALL_ID: 'connected leg' },
      options: { initiator: 'the employee holding (their extension or number on the leg)' },
    },
    connect: {
      args: {
        HELD_CALL_ID: 'call_id of the OnHold leg',
        CONSULT_CALL_ID: 'call_id of the consult leg that appeared after the hold',
      },
      options: { initiator: 'number of the leg to keep (from.number of the consult leg)' },
    },
    'cancel-transfer': {
      args: { CALL_ID: 'call_id of the OnHold leg' },
    },
    record: {
      args: {
        CALL_ID: 'the current leg',
        PARTY: "whom to record: the employee's extension (preferred) or number",
      },
    },
    play: {
      args: { CALL_ID: 'leg in IVR or queue', AUDIO_ID: 'audio file id (see `mangokit api audiofiles`)' },
      options: { after: 'pause after playback before the IVR continues' },
    },
    sms: {
      description: 'Up to 612 Latin or 268 Cyrillic characters. The delivery report arrives as events/sms.',
      args: {
        EXTENSION: 'employee sending (and billed)',
        NUMBER: 'recipient',
        TEXT: 'message text (quote it)',
      },
      options: { sender: 'sender name allowed in your account' },
    },
    users: {
      description: 'The vendor allows one request per 2 s for this method; the client waits its turn.',
      options: { extension: 'only the employee with this extension' },
    },
    groups: { options: { group: 'only this group id' } },
    history: {
      description:
        'Asks the PBX to prepare the statistics, waits until they are ready (the vendor asks to poll\n' +
        'no more often than every 5 s) and streams the rows. Periods over a month are split.\n' +
        'The table lists legs in start order with times in your time zone (TZ) and disconnect\n' +
        'reasons in words; CSV and JSON carry times as ISO 8601. --excel writes CSV that Excel\n' +
        'opens as a table in a Russian locale: ";"-separated, UTF-8 with a BOM.',
      options: {
        extension: 'calls where this employee is either side',
        number: 'calls where this number is either side',
        'from-extension': 'calls made by this employee',
        'from-number': 'calls from this number',
        'to-extension': 'calls to this employee',
        'to-number': 'calls to this number',
        fields: 'columns, comma-separated (listed below)',
        csv: 'write CSV (header + one line per leg) to stdout',
        sep: 'CSV separator: "," (default), ";" or tab',
        excel: 'CSV for Excel: ";"-separated, UTF-8 with a BOM, CRLF, dates Excel reads',
      },
    },
    'recording download': {
      description:
        'Follows the one-time link the PBX answers with and writes the file chunk by chunk\n' +
        '(FILE.part first, renamed when complete and its size checked). -o - writes to stdout.\n' +
        'Without -o FILE the server names the file; an existing file of that name is kept\n' +
        '(an error says so) unless --force.',
      args: { RECORDING_ID: 'from events/recording, `mangokit history` or the archive manifest' },
      options: {
        output: 'where to write (default: the name the server gives, in the current dir)',
        force: 'replace an existing file of the name the server gives (with -o FILE it is always replaced)',
      },
    },
    'recording link': {
      description:
        'The link needs no login: anyone holding it can fetch the recording until it expires.\n' +
        'The account must allow links (ЛК: "Записи разговоров: предоставлять ссылки").',
      args: { RECORDING_ID: 'the recording' },
      options: {
        expires: 'lifetime (30m, 2h, 7d) or a date; default 1h',
        action: 'play (inline, default) or download (attachment)',
      },
    },
    archive: {
      description:
        'Reads the call history of the period, keeps the calls matching the filters and downloads\n' +
        'their recordings to DIR/YYYY-MM-DD/YYYYMMDD-HHMMSS_<employee>_<number>_<id>.mp3 (Moscow time).\n' +
        'Files are streamed to disk (FILE.part, renamed when complete and its size checked), so memory\n' +
        'stays flat. Run the same command again after an interruption: finished files are skipped,\n' +
        'and a partial FILE.part continues where it stopped (an HTTP Range request; a server that\n' +
        'ignores Range sends the whole file again). DIR/manifest.csv and DIR/manifest.json list every\n' +
        "archived recording with its call. Requests keep within the vendor's rate limits.",
      options: {
        out: 'archive directory (created if missing)',
        employee: 'only calls of this employee (extension)',
        group: "only calls of this group's operators (group id or short number)",
        direction: 'incoming (in), outgoing (out) or internal',
        'min-talk': 'only calls with at least SEC seconds of conversation',
        answered: 'only answered calls',
        concurrency: 'parallel downloads (default 4, max 16)',
        'dry-run': 'list what would be downloaded, download nothing',
        'allow-host': "a host downloads may be redirected to, besides the API's and files.mango-office.ru",
      },
    },
    sandbox: {
      description:
        'Starts the sandbox with the demo office (or --office FILE, JSON or YAML, or a built-in office:\n' +
        "`demo`, `vendor-examples` holding every identifier of the vendor's FAQ and API examples) and prints the\n" +
        'console URL, the API base URL and the credentials to use. Point any client at the API base;\n' +
        'notifications go to every --webhook base URL (events/call, … appended). With --json one JSON\n' +
        'line describes the running sandbox.\n\n' +
        'With --replay FILE (written by `mangokit listen --record` or `mangokit proxy --record`) the\n' +
        'recorded notifications are posted to the webhooks again with their recorded timing (--speed N\n' +
        'times faster, or --speed max: one after the other), each json byte for byte and signed with the\n' +
        "sandbox's credentials, and API requests are answered from the recorded exchanges: a cassette for\n" +
        'offline tests. A request matches a recorded one by method, path and json parameters (key order,\n' +
        'command_id, request_id and the date windows of stats requests aside; --ignore-param adds more);\n' +
        'repeated matches are answered in recorded order; an unmatched request gets 404 naming the\n' +
        'nearest recorded request and how it differs.',
      options: {
        port: 'port (default 5080; 0 = any free port)',
        host: 'interface (default 127.0.0.1); off loopback /_sandbox/ needs the control token',
        'control-token': 'token for /_sandbox/ and the console (generated when --host is not loopback)',
        office: 'office file (JSON or YAML), or a built-in office: demo, vendor-examples',
        webhook: 'notification base URL (repeatable)',
        clock: 'real (default) or manual (moves only on `trigger advance`)',
        speed: 'real clock speed factor (default 1)',
        'no-limits': 'switch off the rate limits and the invalid-request lock-out',
        shuffle: 'deliver notifications out of order, as the real PBX may',
        'save-profile': "save this sandbox's credentials as a profile",
        replay:
          'post the notifications recorded in FILE to the webhooks and answer API requests from it (repeatable)',
        'ignore-param':
          'with --replay: a request parameter left out when matching recorded requests (repeatable)',
      },
    },
    trigger: {
      description:
        'Sends one action to the control API of a running `mangokit sandbox` and prints its answer.\n' +
        'Fields are set with --set field=value (nested: policy.onRing=answer; raw JSON: field:=[1,2]).',
      args: { SCENARIO: 'one of the scenarios listed above' },
      options: { set: 'a field of the request (repeatable)' },
    },
    listen: {
      description:
        'Starts an HTTP server that accepts notifications on any path ending in events/…, result/… or\n' +
        'ping, verifies vpbx_api_key and sign with your credentials, and prints one line per event\n' +
        '(or one JSON object per line with --json). With --forward-to every verified notification is\n' +
        're-signed and posted to URL + its path (e.g. URL/events/call), like the PBX does, before the\n' +
        'sender is answered: if the app cannot be reached the sender gets 503 (and sends it again), if\n' +
        'it answers an error status the sender gets that status. Notifications failing verification\n' +
        "are answered 401 and shown as rejected; the status table is the SDK handler's.\n\n" +
        'With --record FILE every request is appended to FILE as one JSON line, exactly as received\n' +
        '(arrival time, path, headers, raw form body, the answer given) with the sign value redacted;\n' +
        '--mask-numbers also replaces phone numbers and SIP addresses with tokens that stay the same for\n' +
        'the same number. An accepted notification is written before it is answered (a failed write\n' +
        'answers 503, so the PBX sends it again). `mangokit sandbox --replay FILE` and\n' +
        '`mangokit conformance FILE` read such files.',
      options: {
        port: 'port to listen on (default 8080; 0 = any free port)',
        host: 'address to bind (default 127.0.0.1; 0.0.0.0 for the real PBX)',
        'forward-to': 'post each verified notification to URL + its path',
        'forward-key': 'API key to re-sign forwarded notifications with (default: yours)',
        'forward-salt': 'API salt to re-sign forwarded notifications with (default: yours)',
        'skip-verify': 'accept notifications without checking the signature',
        count: 'exit after N accepted notifications',
      },
    },
    proxy: {
      description:
        'Starts an HTTP server to point an application at instead of the API: every request is\n' +
        "forwarded to --upstream + its path unchanged (body bytes and headers; Host is the upstream's)\n" +
        'and the answer is streamed back as it arrives, binary ones included. A redirect (the 302 of\n' +
        'queries/recording/post) is passed back through the proxy, so the file download goes through\n' +
        'it too. With --record FILE each exchange is appended to FILE as one JSON line: the request\n' +
        '(path, headers, form fields with sign redacted) and the answer (status, headers, body; binary\n' +
        'bodies as length + SHA-256, with base64 up to --body-limit). --mask-numbers masks phone\n' +
        'numbers in requests and answers. `mangokit sandbox --replay FILE` answers from such a file.',
      options: {
        port: 'port to listen on (default 8090; 0 = any)',
        host: 'address to bind (default 127.0.0.1)',
        upstream: 'where requests go (default https://app.mango-office.ru; a sandbox: http://127.0.0.1:5080)',
        'body-limit': 'keep binary answers up to BYTES as base64 in the recording (default 1048576)',
        count: 'exit after N exchanges',
      },
    },
    conformance: {
      description:
        'Reads a traffic file (`mangokit listen --record`, `mangokit proxy --record`; several are one\n' +
        "timeline), works out the recorded scenario — the office's parties, lines, groups and IVR, and\n" +
        "the outside world's moves: a customer calls a line, an employee dials or answers, presses,\n" +
        "holds, transfers, hangs up, the integrator sends a command — plays it through the sandbox's\n" +
        "call engine on a clock starting at the recording's first time, and prints where the sandbox's\n" +
        'notifications differ from the recording: missing or extra events, their order (seq), codes,\n' +
        'values, fields only one side has, times further apart than --tolerance. Only the notification\n' +
        'paths the recording holds are compared; a number sent as a string is shown but counts only with\n' +
        '--strict-types. Exit 0 when they match, 6 when they differ.',
      args: { FILE: 'a traffic file' },
      options: {
        also: "another traffic file of the same time (e.g. the proxy's next to the listener's)",
        'ignore-field': 'leave a field out of the comparison: a name (dct) or a path (to.line_number)',
        tolerance: 'times further apart than SEC seconds differ (default 1)',
        'strict-types': 'a number sent as a string (or the other way) counts as a difference',
      },
    },
    'logs tail': {
      description:
        'Connects to the live stream of a running `mangokit sandbox` (its control API) or of a\n' +
        'gateway (`/stream`, with --gateway URL) and prints one line per notification and, for the\n' +
        'sandbox, per API request it answered (with --json, one JSON object per line). Reconnects\n' +
        'when the stream drops; Ctrl-C to stop.',
      options: {
        gateway: 'follow this gateway instead of a sandbox (e.g. http://127.0.0.1:8080)',
        'admin-token': "the gateway's admin token (env GATEWAY_ADMIN_TOKEN or MANGOKIT_GATEWAY_TOKEN)",
        only: 'notifications or requests (default both)',
        count: 'exit after N lines',
      },
    },
    gateway: {
      description:
        'Starts @mangokit/gateway: every notification is verified and stored (SQLite, or PostgreSQL\n' +
        'with --database-url) before it is answered 200, folded into calls, forwarded to consumers with\n' +
        'retries, and recordings are archived with --archive-dir. Stops cleanly on Ctrl-C.\n' +
        'Takes the same options and environment variables as `mangokit-gateway`.',
    },
    api: {
      description:
        'PATH is relative to the API base (/vpbx/): e.g. audiofiles, schemas, bwlists/numbers/,\n' +
        'member/create, or ../cc/get_statuses for the Contact-Center API. The answer is printed as JSON.\n' +
        '--data takes JSON inline, @FILE to read a file, or - to read stdin.',
      args: { PATH: 'method path, e.g. audiofiles or commands/callback' },
      options: { data: "request body: '{…}', @file.json or - for stdin (default {})" },
    },
    sdk: {
      description:
        'Every method of the mangokit SDK client, with its validation, rate limiting, retries and\n' +
        'polling: `mangokit sdk` alone lists them. --data is the parameters object (or a JSON array of\n' +
        'positional arguments, e.g. \'["<recording id>"]\'); @FILE reads a file. Results print as JSON;\n' +
        'streamed results (stats.history, stats.calls) print one JSON object per line.',
      args: { METHOD: 'resource.method, e.g. members.create or stats.calls' },
      options: { data: "parameters: '{…}', '[…]' (positional) or @file.json" },
    },
    'profile add': {
      description:
        'Stores the key, salt and optional base URL in $XDG_CONFIG_HOME/mangokit/config.json\n' +
        '(~/.config/mangokit/config.json), readable by you only. Missing values are taken from\n' +
        'MANGO_API_KEY / MANGO_API_SALT / MANGO_BASE_URL; without a salt there, on a terminal the\n' +
        'salt is asked for at a hidden prompt (--api-salt - reads it from stdin), so it never\n' +
        'reaches the shell history.',
      args: { NAME: 'profile name, e.g. work or sandbox' },
      options: {
        'api-key': 'API key (vpbx_api_key)',
        'api-salt': 'API salt (signing secret); - reads it from stdin; omit to be asked',
        'base-url': 'API base URL (omit for the real Mango API)',
        default: 'use this profile when no other credentials are given',
      },
    },
    'profile remove': { args: { NAME: 'profile to delete' } },
    'profile use': {
      args: { NAME: 'profile to use by default' },
    },
    config: {
      description: 'The salt itself is never printed, only where it was found.',
    },
    completion: {
      description:
        'Completes commands, options and their values: scenario names, shells, --direction and other\n' +
        "fixed choices, profile names, and employee extensions from the active profile's cache (filled\n" +
        'by `mangokit users`).',
      args: { SHELL: 'bash, zsh or fish' },
    },
  } satisfies Record<string, Omit<CommandText, 'summary'>>,

  /** `mangokit trigger` scenarios. */
  scenarios: {
    heading: 'Scenarios',
    incoming: 'a customer calls a line (default: the first line)',
    callback: 'click-to-call without signing (as commands/callback)',
    'callback-group': 'group call without signing (as commands/callback_group)',
    dtmf: 'the caller presses keys in the IVR',
    'caller-hangup': 'the customer hangs up',
    'caller-answer': 'a ringing customer answers',
    'caller-reject': 'a ringing customer rejects',
    answer: 'an employee answers',
    reject: 'an employee rejects',
    hangup: 'an employee hangs up',
    hold: 'an employee holds',
    unhold: 'back from hold',
    transfer: 'an employee transfers',
    manual: "drive an employee's phone by hand (it stops following its policy)",
    advance: 'move a manual clock forward',
    speed: 'speed of a real clock',
    fault: 'make an API path fail (status, result or delay)',
    'clear-faults': 'remove every fault',
    'sms-reason': 'delivery result of the next SMS',
    webhook: 'where notifications go',
    replay: 'post a delivered notification again',
    dial: 'an employee dials a number from their phone (no API command)',
    'party-hangup': 'one side of a connected leg hangs up (from: 1110, to: 1120)',
    ping: "the cabinet's «check connection»: a signed ping notification to every webhook",
    reset: 'back to the starting office; hang up everything, clear the lock-out',
    state: 'show the sandbox state (clock, office, live calls, lock-out)',
    calls: 'show live calls and legs',
  },

  /** The command line itself: unknown commands, options, arguments. */
  usage: {
    error: 'error',
    hint: 'hint',
    unknownCommand: (name: string) => `unknown command "${name}"`,
    needsSubcommand: (word: string, subs: string) => `\`${word}\` needs a subcommand: ${subs}.`,
    didYouMean: (command: string) =>
      `Did you mean \`mangokit ${command}\`? Run \`mangokit --help\` for every command.`,
    runMainHelp: 'Run `mangokit --help` for every command.',
    runHelpOptions: (command: string) => `Run \`mangokit ${command} --help\` for its options and examples.`,
    runHelpExamples: (command: string) => `Run \`mangokit ${command} --help\` for examples.`,
    runHelpArguments: (command: string) => `Run \`mangokit ${command} --help\` for its arguments.`,
    usageLine: (usage: string, command: string) =>
      `Usage: ${usage}. Run \`mangokit ${command} --help\` for examples.`,
    missing: (names: string) => `missing ${names}`,
    and: ' and ',
    unexpected: (n: number, words: string) => `unexpected ${plural(n, 'argument', 'arguments')}: ${words}`,
    unknownOption: (option: string) => `Unknown option '${option}'`,
    optionNeedsValue: (option: string) => `option ${option} needs a value`,
    optionTakesNoValue: (option: string) => `option ${option} does not take a value`,
    missingOption: (option: string, what: string) => `missing --${option} (${what})`,
    aValue: 'a value',
    wholeNumber: (option: string, range: string, value: string) =>
      `--${option} must be a whole number ${range}, got "${value}"`,
    badLang: (value: string) => `--lang must be en or ru, got "${value}"`,
    chooseOne: (a: string, b: string) => `choose one of ${a} and ${b}`,
    notUrl: (option: string, value: string) => `${option} "${value}" is not a URL`,
    example: (text: string) => `Example: ${text}`,
    portInUse: (port: number) => `port ${port} is already in use`,
    pickPort: 'Pick another with --port N (or --port 0 for any free port).',
    interrupted: 'interrupted',
  },

  /** Failures of the API, the network and the CLI itself (`describeError`). */
  errors: {
    timeout: 'The server did not answer in time. Check the base URL and your network, then retry.',
    connection: 'Check the base URL (--base-url / MANGO_BASE_URL) and that the server is running.',
    /** A message of the SDK (written in English) as shown to the reader. */
    sdkMessage: (message: string) => message,
    auth:
      'The API rejected the credentials. Check the key and salt (ЛК → Интеграции → API коннектор). ' +
      'If they are right, the key is locked out: after repeated invalid requests the PBX answers 401 ' +
      'to everything for 2 minutes (reference §1.3) — wait, then retry. On the sandbox ' +
      '`mangokit trigger state` shows the lock-out and `mangokit trigger reset` clears it.',
    sandboxLocked: (until: string, zone: string) =>
      `The sandbox locked the key out after repeated invalid requests, as the PBX does (reference §1.3): every request is answered 401 until ${until} (${zone}). Wait, or clear it with \`mangokit trigger reset\`.`,
    rateLimit: 'Rate limit reached: wait a few seconds and retry.',
    badParameter: 'The PBX rejected a parameter; check the values against `--help`.',
    notFound:
      'Something named in the request does not exist: check extensions with `mangokit users`, ' +
      'lines with `mangokit lines`, call ids with `mangokit listen`.',
    callEnded: 'The call has already ended (or the call_id is unknown).',
    billing: 'Your tariff or balance does not allow this; check `mangokit balance` and the account services.',
    server: 'The PBX failed on its side; retry in a little while.',
    bug: 'This looks like a bug in mangokit; rerun with MANGOKIT_DEBUG=1 for a stack trace and report it.',
    /** An API error without a result code, by HTTP status. */
    status401: 'unauthorised: wrong vpbx_api_key or sign, or the key is locked out after invalid requests',
    status404: 'not found (unknown path, or the stats key expired)',
    status429: 'rate limit exceeded',
    resultCode: 'result',
  },

  dates: {
    notADate: (option: string, value: string) => `--${option} "${value}" is not a date`,
    dateForms: 'Use 2026-11-01, "2026-11-01 09:30", 2026-11-01T09:30:00Z, 01.11.2026 or Unix seconds.',
    notARealDate: (option: string, value: string) => `--${option} "${value}" is not a real date`,
    toBeforeFrom: '--to is before --from',
    swapDates: 'Swap the dates.',
    startExample: 'the start date, e.g. --from 2026-11-01',
    msk: 'MSK',
  },

  units: {
    bytes: ['B', 'KB', 'MB', 'GB', 'TB'],
    decimal: '.',
    perSecond: '/s',
    recordingsPerSecond: 'recordings/s',
    eta: 'eta',
  },

  config: {
    cannotRead: (path: string, detail: string) => `cannot read ${path}: ${detail}`,
    notJson: (path: string) => `${path} is not valid JSON`,
    fixOrDelete: 'Fix or delete the file, then add profiles again.',
    malformedProfile: (name: string, path: string) =>
      `profile "${name}" in ${path} is malformed (needs apiKey and apiSalt strings)`,
    removeAndAdd: (name: string) => `Run \`mangokit profile remove ${name}\` and add it again.`,
    cannotReadEnv: (path: string, detail: string) => `cannot read env file ${path}: ${detail}`,
    noProfile: (name: string, path: string) => `no profile named "${name}" in ${path}`,
    knownProfiles: (known: string, name: string) =>
      `Known profiles: ${known}. Add one with \`mangokit profile add ${name} --api-key KEY --api-salt SALT\`.`,
    addProfile: (name: string) =>
      `Add it with \`mangokit profile add ${name} --api-key KEY --api-salt SALT\`.`,
    apiKey: 'API key',
    apiSalt: 'API salt',
    notConfigured: (missing: string) => `no ${missing} configured`,
    howToConfigure:
      'Pass --api-key and --api-salt, set MANGO_API_KEY and MANGO_API_SALT (in the environment or a .env file), ' +
      'or save a profile: `mangokit profile add work --api-key KEY --api-salt SALT --default`. ' +
      'For the local sandbox run `mangokit sandbox` and use the credentials it prints.',
    badBaseUrl: (url: string, source: string) => `base URL "${url}" (from ${source}) is not a URL`,
    baseUrlForm: 'Use the form https://app.mango-office.ru/vpbx/ or http://127.0.0.1:5080/vpbx/.',
  },

  /** Command acknowledgements (`call`, `hangup`, …). */
  calls: {
    accepted: (what: string, result: number, commandId: string) =>
      `${what}: accepted (result ${result})\ncommand_id: ${commandId}\n` +
      'The outcome arrives as a result/… notification; watch it with `mangokit listen`.\n',
    lineToCallFrom: 'the line to call from, e.g. --line 74950000666',
    initiatorTransferring: 'the extension of the employee transferring',
    initiatorHolding: 'the extension of the employee holding',
    legToKeep: 'the number of the leg to keep',
    audioNotNumber: (value: string) => `AUDIO_ID must be a number, got "${value}"`,
    smsTooLong: (length: number, cyrillic: boolean) =>
      `TEXT is ${length} characters; the limit is ${cyrillic ? '268 with Cyrillic' : '612 Latin'} characters`,
  },

  office: {
    noEmployee: (extension: string) => `no employee with extension ${extension}`,
    noEmployees: 'no employees',
    noGroups: 'no groups',
    noLines: 'no lines',
    off: 'off',
    headers: {
      ext: 'ext',
      name: 'name',
      userId: 'user id',
      position: 'position',
      numbers: 'numbers',
      groups: 'groups',
      id: 'id',
      algorithm: 'algorithm',
      operators: 'operators',
      number: 'number',
      region: 'region',
      scheme: 'scheme',
    },
    balance: 'balance',
    asOf: 'as of',
  },

  history: {
    combineFilters: '--extension/--number cannot be combined with --from-*/--to-* filters',
    combineFiltersHint:
      'The PBX accepts either "either side" (call_party) or from/to filters (reference §3.1).',
    unknownFields: (n: number, fields: string) => `unknown ${plural(n, 'field', 'fields')}: ${fields}`,
    knownFields: (fields: string) => `Known: ${fields}.`,
    badSep: (value: string) => `--sep must be ",", ";" or tab, got "${value}"`,
    fieldsHeading: 'Columns for --fields',
    waiting: 'waiting for the PBX to prepare the statistics…',
    noCalls: (from: string, to: string, zone: string) => `no calls between ${from} and ${to} (${zone})`,
    legs: (n: number) => `${n} ${plural(n, 'leg', 'legs')}`,
    headers: {
      start: 'start',
      from: 'from',
      to: 'to',
      talk: 'talk',
      reason: 'reason',
      line: 'line',
      recordings: 'recordings',
      entry: 'entry',
    },
    missed: 'missed',
    /** An IVR or queue leg of a call someone answered later: not a missed call. */
    ivr: 'in IVR',
    queue: 'in queue',
  },

  recording: {
    badAction: (value: string) => `--action must be download or play, got "${value}"`,
    expiresInPast: '--expires is in the past',
    saved: (path: string, size: string, type: string) => `saved ${path} (${size}, ${type})`,
    exists: (path: string) => `${path} already exists; not overwritten`,
    useForce: 'Use --force to replace it, or -o FILE to choose another name.',
    url: 'url',
    expires: 'expires',
  },

  archive: {
    outExample: 'the archive directory, e.g. --out ./recordings',
    badDirection: (value: string) => `--direction must be incoming, outgoing or internal, got "${value}"`,
    noGroup: (group: string) => `no group "${group}"`,
    groupsAre: (list: string) => `Groups: ${list}.`,
    reading: (from: string, to: string, zone: string) =>
      `reading the call history ${from} … ${to} (${zone})…`,
    matchCount: (n: number) => `${n} recording(s) match`,
    plan: (matched: number, skipped: number, partial: number, todo: number, out: string) =>
      `${matched} recording(s) match; ${skipped} already archived` +
      `${partial ? `, ${partial} partial to complete` : ''}, ${todo} to download → ${out}`,
    label: 'archive',
    summary: (
      archived: number,
      matched: number,
      downloaded: number,
      size: string,
      skipped: number,
      partial: number,
      partialDone: number,
      failed: number,
    ) =>
      `archived ${archived}/${matched} recording(s): ${downloaded} downloaded (${size}), ` +
      `${skipped} already there${partial ? `, ${partialDone} partial completed` : ''}, ${failed} failed`,
    manifest: (csv: string) => `manifest: ${csv} and manifest.json`,
    failed: (id: string, error: string) => `failed ${id}: ${error}`,
    resume: 'Run the same command again to resume.',
  },

  sandbox: {
    badClock: (value: string) => `--clock must be real or manual, got "${value}"`,
    badSpeed: (value: string) => `--speed must be a positive number, got "${value}"`,
    maxNeedsReplay: '--speed max needs --replay FILE',
    ignoreNeedsReplay: '--ignore-param applies to --replay',
    addReplay: 'Add --replay FILE.',
    officeNotFound: (file: string) => `office file ${file} not found`,
    checkOfficePath: 'Check the path given to --office.',
    cannotLoadOffice: (message: string) => `cannot load office: ${message}`,
    officeProblems: (source: string, count: number) =>
      `the office in ${source} has ${count} problem${count === 1 ? '' : 's'}`,
    moreOfficeProblems: (count: number) => `… and ${count} more`,
    startFromDemo:
      'Start from the demo office: `curl http://127.0.0.1:5080/_sandbox/office` on a running sandbox.',
    banner: (office: string, employees: number, groups: number, lines: string) =>
      `mangokit sandbox — a local Virtual PBX (${office}: ${employees} employees, ${groups} groups, lines ${lines})`,
    console: 'console',
    control: 'control',
    controlNeedsToken: (url: string, token: string) =>
      `${url} needs the token: Authorization: Bearer ${token}`,
    apiBase: 'API base',
    apiKey: 'api key',
    apiSalt: 'api salt',
    webhooks: 'webhooks',
    noWebhooks: (mangokit: string) => `none (add --webhook URL, e.g. the one \`${mangokit} listen\` prints)`,
    clock: 'clock',
    clockModes: { real: 'real', manual: 'manual' },
    profile: 'profile',
    profileSaved: (name: string) => `saved as "${name}" (use --profile ${name})`,
    nextSteps: 'In another terminal:',
    stopHint: 'Ctrl-C to stop.',
    stopping: 'stopping the sandbox…',
  },

  trigger: {
    badUrl: (url: string) => `sandbox URL "${url}" is not a URL`,
    urlExample: 'Example: --sandbox http://127.0.0.1:5080',
    unknownScenario: (name: string) => `unknown scenario "${name}"`,
    didYouMean: (name: string, all: string) =>
      `Did you mean \`mangokit trigger ${name}\`? Scenarios: ${all}.`,
    scenarios: (all: string) => `Scenarios: ${all}.`,
    needsId: (name: string) => `${name} needs --set id=…`,
    example: (name: string, example: string) => `Example: mangokit trigger ${name} ${example}`,
    unreachable: (base: string, detail: string) => `cannot reach the sandbox at ${base}: ${detail}`,
    startIt: 'Start it with `mangokit sandbox` (or pass --sandbox URL / set MANGO_SANDBOX_URL).',
    refused: (name: string, status: number, message: string) =>
      `sandbox refused ${name} (HTTP ${status}): ${message}`,
    notNow: 'The call is not in a state that allows this; see `mangokit trigger calls`.',
    /** `trigger state`: the invalid-request lock-out. */
    lockout: 'lock-out',
    clockNow: 'now',
    lockedUntil: (until: string, seconds: number) =>
      `LOCKED until ${until} (${seconds} s): the API answers 401 to every request; \`mangokit trigger reset\` clears it`,
    lockoutArmed: (until: string) =>
      `not locked; one invalid request seen — another before ${until} locks the key out for the rest of the 2 minutes`,
    lockoutClear: 'not locked',
    lockoutOff: 'off (--no-limits)',
    /** `--set` items. */
    notFieldValue: (item: string) => `--set "${item}" is not field=value (or field:=json)`,
    notJson: (item: string) => `--set "${item}": the value after := is not JSON`,
    notNumber: (field: string, value: string) => `--set ${field} must be a number, got "${value}"`,
    notBoolean: (field: string) => `--set ${field} must be true or false`,
  },

  listen: {
    exampleOtherTerminal: 'in another terminal',
    forwardExample: 'Example: --forward-to http://localhost:3000/mango/',
    orSkipVerify: 'Or pass --skip-verify to print unverified notifications.',
    forwardNeedsCredentials: 'forwarding needs credentials to re-sign with',
    passForwardCredentials: 'Pass --forward-key and --forward-salt.',
    rejected: (path: string, reason: string, message: string) => `✗ ${path} rejected (${reason}): ${message}`,
    forwarded: (url: string, outcome: string, ms: number) => `  forwarded → ${url} ${outcome} (${ms} ms)`,
    forwardFailed: (error: string) => `failed: ${error}`,
    listening: (
      url: string,
      verifying: boolean,
      forwardTo: string | undefined,
      recordingTo: string | undefined,
      masked: boolean,
    ) =>
      `listening on ${url} — ${verifying ? 'verifying signatures' : 'NOT verifying signatures'}` +
      `${forwardTo ? `, forwarding to ${forwardTo}` : ''}` +
      `${recordingTo ? `, recording to ${recordingTo}${masked ? ' (numbers masked)' : ''}` : ''}. Ctrl-C to stop.`,
  },

  /** Words of the one-line notification summaries (`listen`, `logs tail`). */
  events: {
    directions: ['internal', 'incoming', 'outgoing'],
    answered: 'answered',
    missed: 'missed',
    delivered: 'delivered',
    ok: 'ok',
    by: 'by',
    at: 'at',
    ping: 'check connection from the personal cabinet',
  },

  logs: {
    badOnly: (value: string) => `--only must be notifications or requests, got "${value}"`,
    unreachable: (url: string, detail: string) => `cannot reach ${url}: ${detail}`,
    unauthorised: (url: string) => `${url} refused the stream (HTTP 401)`,
    giveToken: 'Pass the admin token with --admin-token (or GATEWAY_ADMIN_TOKEN).',
    following: (what: string, url: string) => `following ${what} at ${url} — Ctrl-C to stop.`,
    sandboxWord: 'the sandbox',
    gatewayWord: 'the gateway',
    reconnecting: 'stream dropped; reconnecting…',
    request: 'request',
    meant: (path: string) => `did you mean ${path}?`,
    emptyArray: 'json=[] read as {}',
  },

  /** Recordings of traffic (`listen --record`, `proxy --record`). */
  traffic: {
    writeFailed: (message: string) => `cannot write to the recording: ${message}`,
    incomplete: (file: string, message: string) => `the recording ${file} is incomplete: ${message}`,
    maskNeedsRecord: '--mask-numbers and --mask-key apply to a recording',
    addRecord: 'Add --record FILE.',
    keyNeedsMask: '--mask-key needs --mask-numbers',
    addMask: 'Add --mask-numbers to mask the numbers.',
    cannotRecord: (file: string, detail: string) => `cannot record to ${file}: ${detail}`,
    pickFile: 'Pick a file in a folder you can write to.',
  },

  /** `mangokit sandbox --replay FILE`. */
  replay: {
    unreadable: (file: string, code: string) => `cannot read ${file}: ${code}`,
    badFile: (file: string, message: string) => `${file} is not a traffic file: ${message}`,
    badFileHint: 'Record one with `mangokit listen --record FILE` or `mangokit proxy --record FILE`.',
    badSpeed: (text: string) => `--speed must be a positive number or max, got "${text}"`,
    speedExample: 'Example: --speed 10, or --speed max.',
    plan: (notifications: number, exchanges: number, speed: number | 'max', webhooks: readonly string[]) =>
      `replay: ${plural(notifications, `${notifications} notification`, `${notifications} notifications`)}` +
      (notifications === 0
        ? ''
        : webhooks.length === 0
          ? ' not posted (no --webhook to post them to)'
          : ` to ${webhooks.join(', ')} at ${speed === 'max' ? 'full speed' : `×${speed}`}`) +
      `; ${plural(exchanges, `${exchanges} recorded API exchange answers`, `${exchanges} recorded API exchanges answer`)} API requests`,
    deliveryFailed: (why: string) => `failed (${why})`,
    done: (sent: number, failed: number) =>
      `replay: ${plural(sent, `${sent} notification`, `${sent} notifications`)} posted` +
      `${failed ? `, ${failed} not delivered` : ''}; the recorded API exchanges keep answering until Ctrl-C`,
    cassetteMiss: (request: string, miss: string) => `cassette ${request} → 404: ${miss}`,
    cassetteHit: (request: string, status: number, exchange: number) =>
      `cassette ${request} → ${status} (recorded exchange ${exchange})`,
    cassetteUnsigned: (request: string, status: number) =>
      `cassette ${request} → ${status} (not signed with the sandbox's credentials)`,
  },

  conformance: {
    badTolerance: (text: string) => `--tolerance must be a number of seconds ≥ 0, got "${text}"`,
    header: (files: readonly string[], calls: number, notifications: number, compared: readonly string[]) =>
      `mangokit conformance ${files.join(' ')}\n` +
      `recorded: ${plural(calls, `${calls} call`, `${calls} calls`)}, ` +
      `${plural(notifications, `${notifications} notification`, `${notifications} notifications`)}; ` +
      `compared: ${compared.join(', ') || 'nothing'}\n`,
    played: 'played through the sandbox:\n',
    note: (n: string) => `  note: ${n}\n`,
    unplayable: (n: string) => `  cannot play: ${n}\n`,
    failure: (offset: string, step: string, error: string) => `  failed at +${offset}s (${step}): ${error}\n`,
    differences: (n: number) => `differences: ${n}\n`,
    onlyRecorded: 'only in the recording',
    onlySandbox: 'only from the sandbox',
    fieldOnlyRecorded: (field: string, value: string) => `${field}: only in the recording (${value})`,
    fieldOnlySandbox: (field: string, value: string) => `${field}: only from the sandbox (${value})`,
    fieldDiffers: (field: string, recorded: string, sandbox: string) =>
      `${field}: recorded ${recorded}, sandbox ${sandbox}`,
    matched: (types: number) =>
      `the sandbox sent what was recorded${types ? ` (${types} numbers sent as strings or the other way: --strict-types counts them)` : ''}\n`,
    differs: (counted: number, types: number, unplayable: number, failures: number) =>
      `the sandbox differs: ${plural(counted, `${counted} difference`, `${counted} differences`)}` +
      `${types ? ` (and ${types} numbers sent as strings or the other way)` : ''}` +
      `${unplayable ? `, ${plural(unplayable, 'one thing', `${unplayable} things`)} it cannot play` : ''}` +
      `${failures ? `, ${plural(failures, 'one step', `${failures} steps`)} it refused` : ''}\n`,
  },

  proxy: {
    exampleThroughProxy: 'through the proxy',
    upstreamNotUrl: (url: string) => `--upstream "${url}" is not an http(s) URL`,
    failed: (error: string) => `failed: ${error}`,
    started: (url: string, upstream: string, file: string | undefined, masked: boolean) =>
      `proxy on ${url} → ${upstream}${file ? `, recording to ${file}${masked ? ' (numbers masked)' : ''}` : ''}. ` +
      `Point your application's API base URL at ${url}vpbx/. Ctrl-C to stop.\n`,
  },

  gateway: {
    needsPackage: (name: string) => `mangokit gateway needs the ${name} package, which is not installed`,
    installIt: (name: string) =>
      `Install it where the CLI is: \`npm i -g ${name}\` beside a global mangokit, or \`npm i ${name}\` ` +
      'in a project (with npx: `npx -p @mangokit/cli -p @mangokit/gateway mangokit gateway …`).',
    listening: (url: string) =>
      `gateway listening on ${url}/ — point the PBX's integrator URL here (events/call, …)`,
    store: 'store',
    forwardingTo: 'forwarding to',
    archivingTo: 'archiving recordings to',
    stopHint: 'Ctrl-C to stop.',
    stopping: 'stopping the gateway…',
    /** Texts of the gateway's options without a text of their own in `commands.gateway`. */
    optionMissing: 'install @mangokit/gateway for its options',
  },

  api: {
    cannotRead: (file: string, detail: string) => `cannot read ${file}: ${detail}`,
    notJson: (detail: string) => `--data is not valid JSON: ${detail}`,
    notObject: '--data must be a JSON object',
  },

  sdk: {
    returnsStream: (name: string) => `${name} returns a stream`,
    use: (command: string) => `Use \`${command}\`.`,
    noMethod: (name: string) => `no SDK method "${name}"`,
    resourceHas: (resource: string, methods: string) => `${resource} has: ${methods}.`,
    listAll: 'Run `mangokit sdk` to list every method.',
  },

  profile: {
    exampleHiddenSalt: 'asks for the salt, hidden',
    badName: (name: string) => `invalid profile name "${name}"`,
    nameRule: 'Use letters, digits, dot, dash or underscore (max 64).',
    noProfile: (name: string) => `no profile named "${name}"`,
    seeList: 'See `mangokit profile list`.',
    missing: (option: string) => `missing ${option}`,
    giveBoth: 'Give both --api-key and --api-salt (or set MANGO_API_KEY and MANGO_API_SALT).',
    saltPrompt: 'API salt (input hidden): ',
    saltStdin: 'no salt on stdin',
    baseUrlExample: 'Example: http://127.0.0.1:5080/vpbx/',
    saved: (name: string, path: string, replaced: boolean, isDefault: boolean) =>
      `${replaced ? 'updated' : 'saved'} profile "${name}" in ${path}${isDefault ? ' (default)' : ''}`,
    none: (path: string) =>
      `no profiles in ${path}\nAdd one: mangokit profile add work --api-key KEY --api-salt SALT`,
    headers: { name: 'name', default: 'default', apiKey: 'api key', salt: 'salt', baseUrl: 'base url' },
    set: '(set)',
    mango: '(Mango)',
    removed: (name: string) => `removed profile "${name}"`,
    nowDefault: (name: string) => `default profile is now "${name}"`,
  },

  configShow: {
    labels: {
      apiKey: 'apiKey',
      apiKeyFrom: 'apiKeyFrom',
      apiSalt: 'apiSalt',
      apiSaltFrom: 'apiSaltFrom',
      baseUrl: 'baseUrl',
      baseUrlFrom: 'baseUrlFrom',
      configFile: 'configFile',
    },
    set: '(set)',
    default: 'default',
    /** Where a credential came from. */
    sources: { flags: 'flags', environment: 'environment', profile: (name: string) => `profile ${name}` },
  },

  completion: {
    exampleFpath: 'a directory in $fpath',
    unsupported: (shell: string) => `unsupported shell "${shell}"`,
    choose: (shells: string) => `Choose one of: ${shells}.`,
  },
};

/** The shape of a catalogue: every language has every key `en` has. */
export type Catalogue = typeof en;
