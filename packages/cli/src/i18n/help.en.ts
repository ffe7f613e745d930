/**
 * What `mangokit --help` reads, in English: the help's own texts, the options several commands
 * share and every command's one-line summary. Top-level help loads this file and nothing else of
 * the catalogue; the rest (`en.ts`, which includes this) loads on the way to a command.
 * `help.ru.ts` has the same keys (the compiler checks it against `HelpCatalogue`).
 */

import type { Language } from 'mangokit/protocol';

/** Help sections commands are listed under. */
type Groups = Record<
  'Calls' | 'Messages' | 'Office' | 'Statistics' | 'Recordings' | 'Tools' | 'Setup',
  string
>;

export const helpEn = {
  /** The language of this catalogue. */
  lang: 'en' as Language,
  help: {
    title: (version: string) => `mangokit ${version} — the MANGO OFFICE Virtual PBX API from the shell`,
    usage: 'Usage',
    /** The usage lines' placeholders: `mangokit COMMAND [arguments] [options]`. */
    commandPlaceholder: 'COMMAND',
    argumentsPlaceholder: '[arguments]',
    optionsPlaceholder: '[options]',
    arguments: 'Arguments',
    options: 'Options',
    credentials: 'Credentials',
    globalOptions: 'Global options',
    examples: 'Examples',
    credentialOrder:
      'Credentials (first found wins, per value):\n' +
      '  1. flags --api-key, --api-salt, --base-url\n' +
      '  2. --profile NAME (or MANGO_PROFILE) from the config file\n' +
      '  3. environment MANGO_API_KEY, MANGO_API_SALT, MANGO_BASE_URL\n' +
      '  4. a .env file in the current directory (or --dotenv FILE)\n' +
      '  5. the default profile ($XDG_CONFIG_HOME/mangokit/config.json or ~/.config/mangokit/config.json)',
    language:
      'Language: English, or Russian for a ru_* locale (LC_ALL, LC_MESSAGES, LANG);\n' +
      '  --lang en|ru or MANGOKIT_LANG choose. --json output is the same in both.',
    exitCodes:
      'Exit codes:\n' +
      '  0    ok\n' +
      '  1    API error (the PBX answered with an error result code)\n' +
      '  2    usage error (unknown command or option, bad argument)\n' +
      '  3    auth or configuration error (missing or rejected credentials, bad config file)\n' +
      '  4    connection error or timeout\n' +
      '  5    partial failure (archive: some recordings failed; run the same command again to resume)\n' +
      "  6    differences found (conformance: the sandbox's notifications differ from the recording)\n" +
      '  130  interrupted',
    mainExamples: [
      'mangokit sandbox                                   # a local PBX with a demo office',
      'mangokit call 101 74950001122 --line 74950000666   # click-to-call',
      'mangokit history --from 2026-11-01 --to 2026-11-27 --csv > calls.csv',
      'mangokit archive --from 2026-11-01 --to 2026-11-27 --out ./recordings',
      'mangokit listen --port 8080 --forward-to http://localhost:3000/mango/',
    ],
    groups: {
      Calls: 'Calls',
      Messages: 'Messages',
      Office: 'Office',
      Statistics: 'Statistics',
      Recordings: 'Recordings',
      Tools: 'Tools',
      Setup: 'Setup',
    } satisfies Groups,
    helpCommand: 'show help for a command',
    subcommands: (word: string) => `${word} subcommands`,
    completionCommand: 'command',
    completionSubcommand: 'subcommand',
    completionOption: 'option',
  },

  /** Options several commands share; a command's own text (in `Catalogue.commands`) wins. */
  /** Options several commands share; a command's own text (in `commands`) wins. */
  options: {
    json: 'print JSON for scripts instead of readable tables',
    help: 'show help and examples for the command',
    lang: 'language of messages: en or ru (default: from the locale; env MANGOKIT_LANG)',
    profile: 'use a saved profile (see `mangokit profile`)',
    'api-key': 'API key (vpbx_api_key); env MANGO_API_KEY',
    'api-salt': 'API salt (signing secret); env MANGO_API_SALT',
    'base-url': 'API base URL (default https://app.mango-office.ru/vpbx/); env MANGO_BASE_URL',
    dotenv: 'read MANGO_* variables from this .env file (default ./.env)',
    'command-id': 'your correlation id (default: a new UUID)',
    from: 'start: 2026-11-01, "2026-11-01 09:00", ISO with zone, or Unix seconds (your time zone)',
    to: 'end, inclusive (a bare date means the end of that day); default now',
    sandbox: 'sandbox address (default MANGO_SANDBOX_URL or http://127.0.0.1:5080)',
    record: 'append what passes through to FILE as JSON lines (sign values redacted)',
    'mask-numbers': 'in the recording, replace phone numbers and SIP addresses with stable tokens',
    'mask-key':
      'key of the number tokens, the same for recordings that must join (default MANGOKIT_MASK_KEY, else random)',
  },

  /** Every command's one-line summary, by name (the rest of its help is in `Catalogue.commands`). */
  summaries: {
    call: 'ring an employee, then dial a number when they answer (click-to-call)',
    'call-group': 'connect a group and a number: ring whoever is free (callback_group)',
    hangup: 'end a call leg',
    route: 'send a call waiting in IVR or a queue elsewhere, or intercept a ringing call',
    transfer: 'transfer a connected call, blind or consultative',
    hold: 'put a call on hold (the API has no un-hold)',
    connect: 'join a held call with the consult leg (finish a consultative transfer)',
    'cancel-transfer': 'cancel a transfer of a held call',
    record: 'start recording a live call (there is no stop command)',
    play: 'play an audio file to a caller waiting in IVR or a queue',
    sms: 'send an SMS on behalf of an employee',
    users: 'list employees (or one, by extension)',
    groups: 'list groups with their operators',
    balance: 'show the account balance',
    lines: "list the PBX's lines (numbers calls come in on and go out through)",
    history: 'call history (one row per call leg) as a table, CSV or JSON',
    'recording download': 'download a call recording (MP3)',
    'recording link': 'print a self-signed link to a recording that works until it expires',
    archive: 'download every matching recording with a manifest (CSV + JSON); resumable',
    sandbox: 'run a local Virtual PBX (same API, live calls, signed webhooks, web console)',
    trigger: 'drive a running sandbox: incoming calls, answers, key presses, faults, the clock',
    listen: 'receive PBX notifications, verify them, print them live, forward them',
    proxy: 'forward API requests to the real API (or a sandbox) and record every exchange',
    conformance: "play a recording through the sandbox's engine and show where its notifications differ",
    'logs tail': 'follow a running sandbox or gateway live: notifications and API requests',
    gateway: 'run the durable webhook gateway (verify, store, de-duplicate, forward, archive)',
    api: 'call any API method by path with a JSON body (signed for you)',
    sdk: 'call any SDK method by name (resource.method) with JSON parameters',
    'profile add': 'save API credentials under a profile name',
    'profile list': 'list saved profiles (salts are never shown)',
    'profile remove': 'delete a saved profile',
    'profile use': 'make a saved profile the default',
    config: 'show the credentials and base URL commands will use, and where each comes from',
    completion: 'print a shell completion script (bash, zsh or fish)',
  } satisfies Record<string, string>,
};

/** The shape of the help catalogue: every language has every key `helpEn` has. */
export type HelpCatalogue = typeof helpEn;
