import { resolve } from 'node:path';
import { configPath, readConfig, writeConfig } from '../config/configFile.js';
import type { CommandDetails } from '../core/command.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { writeJsonLine } from '../core/output.js';

/** `mangokit sandbox`: a local Virtual PBX with its console, until Ctrl-C. */
export const sandbox: CommandDetails = {
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
    port: { type: 'string', short: 'p', value: 'N', description: 'port (default 5080; 0 = any free port)' },
    host: {
      type: 'string',
      value: 'ADDR',
      description: 'interface (default 127.0.0.1); off loopback /_sandbox/ needs the control token',
    },
    'control-token': {
      type: 'string',
      value: 'TOKEN',
      description: 'token for /_sandbox/ and the console (generated when --host is not loopback)',
    },
    office: {
      type: 'string',
      value: 'FILE|NAME',
      description: 'office file (JSON or YAML), or a built-in office: demo, vendor-examples',
    },
    webhook: {
      type: 'string',
      multiple: true,
      value: 'URL',
      description: 'notification base URL (repeatable)',
    },
    clock: {
      type: 'string',
      value: 'MODE',
      description: 'real (default) or manual (moves only on `trigger advance`)',
    },
    speed: { type: 'string', value: 'X', description: 'real clock speed factor (default 1)' },
    'no-limits': {
      type: 'boolean',
      description: 'switch off the rate limits and the invalid-request lock-out',
    },
    shuffle: { type: 'boolean', description: 'deliver notifications out of order, as the real PBX may' },
    'save-profile': {
      type: 'string',
      value: 'NAME',
      description: "save this sandbox's credentials as a profile",
    },
    replay: {
      type: 'string',
      multiple: true,
      value: 'FILE',
      description:
        'post the notifications recorded in FILE to the webhooks and answer API requests from it (repeatable)',
    },
    'ignore-param': {
      type: 'string',
      multiple: true,
      value: 'NAME',
      description: 'with --replay: a request parameter left out when matching recorded requests (repeatable)',
    },
  },
  examples: [
    'mangokit sandbox',
    'mangokit sandbox --webhook http://127.0.0.1:8080/ --save-profile local',
    'mangokit sandbox --office ./office.yaml --port 5090 --shuffle',
    'mangokit sandbox --office vendor-examples',
    'mangokit sandbox --port 0 --json',
    'mangokit sandbox --replay calls.jsonl --replay api.jsonl --webhook http://127.0.0.1:3000/mango/ --speed 10',
  ],
  async run(ctx) {
    const { args, io } = ctx;
    const port = args.integer('port', 0, 65535) ?? 5080;
    const webhooks = args.list('webhook');
    for (const u of webhooks) {
      try {
        new URL(u);
      } catch {
        throw new UsageError(`--webhook "${u}" is not a URL`, 'Example: --webhook http://127.0.0.1:8080/');
      }
    }
    const clock = args.string('clock') ?? 'real';
    if (clock !== 'real' && clock !== 'manual')
      throw new UsageError(`--clock must be real or manual, got "${clock}"`);
    const speedText = args.string('speed');
    const replayFiles = args.list('replay');
    // With --replay, --speed also paces the replay and may be `max`; the clock keeps a number.
    const replayModule = replayFiles.length > 0 ? await import('../replay/replay.js') : undefined;
    const replaySpeed = replayModule?.replaySpeed(speedText);
    const speed = speedText === undefined || speedText === 'max' ? undefined : Number(speedText);
    if (speed !== undefined && !(speed > 0))
      throw new UsageError(`--speed must be a positive number, got "${speedText}"`);
    if (speedText === 'max' && !replayModule) throw new UsageError('--speed max needs --replay FILE');
    if (args.list('ignore-param').length > 0 && !replayModule)
      throw new UsageError('--ignore-param applies to --replay', 'Add --replay FILE.');
    const traffic = replayModule ? await replayModule.readTrafficFiles(replayFiles, io.cwd) : undefined;
    let credentials = { apiKey: '', apiSalt: '' };
    const replay =
      replayModule && traffic
        ? replayModule.prepareReplay(traffic, {
            io,
            json: ctx.json,
            speed: replaySpeed ?? 1,
            ignore: args.list('ignore-param'),
            credentials: () => credentials,
          })
        : undefined;
    const officeFile = args.string('office');
    const host = args.string('host');
    const noLimits = args.flag('no-limits');
    // Loaded on demand: the sandbox (engine, MP3 encoder, YAML) is only needed here.
    const { OFFICE_PRESETS, startSandbox } = await import('@mangokit/sandbox');
    // A built-in office by name; anything else is a file.
    const officeArg =
      officeFile === undefined || Object.hasOwn(OFFICE_PRESETS, officeFile)
        ? officeFile
        : resolve(io.cwd, officeFile);
    const sb = await startSandbox({
      port,
      ...(host ? { host } : {}),
      ...(args.string('control-token') ? { controlToken: args.string('control-token') } : {}),
      ...(officeArg ? { office: officeArg } : {}),
      ...(webhooks.length ? { webhookUrls: webhooks } : {}),
      clock,
      ...(speed !== undefined ? { speed } : {}),
      ...(noLimits ? { rateLimits: false, lockout: false } : {}),
      ...(args.flag('shuffle') ? { shuffle: true } : {}),
      ...(replay ? { intercept: replay.intercept } : {}),
    }).catch((err: NodeJS.ErrnoException & { issues?: { path: string; message: string }[] }) => {
      if (err.code === 'EADDRINUSE') {
        throw new UsageError(
          `port ${port} is already in use`,
          'Pick another with --port N (or --port 0 for any free port).',
        );
      }
      if (err.code === 'ENOENT') {
        throw new ConfigError(`office file ${officeFile} not found`, 'Check the path given to --office.');
      }
      if (err.name === 'OfficeValidationError') {
        const issues = (err.issues ?? []).slice(0, 10).map((i) => `  ${i.path}: ${i.message}`);
        const listed = issues.length > 0 && !err.message.includes(issues[0]?.trim() ?? '');
        throw new ConfigError(
          `cannot load office: ${err.message}${listed ? `\n${issues.join('\n')}` : ''}`,
          'Start from the demo office: `curl http://127.0.0.1:5080/_sandbox/office` on a running sandbox.',
        );
      }
      throw err;
    });
    const office = sb.office;
    credentials = { apiKey: office.api_key, apiSalt: office.api_salt };
    const info = {
      console_url: `${sb.url}/`,
      api_base_url: sb.apiBaseUrl,
      control_url: `${sb.url}/_sandbox/`,
      api_key: office.api_key,
      api_salt: office.api_salt,
      office: office.name,
      employees: office.employees.length,
      groups: office.groups.length,
      lines: office.lines.map((l) => l.number),
      webhooks,
      clock,
      ...(sb.controlToken ? { control_token: sb.controlToken } : {}),
      ...(traffic
        ? {
            replay: {
              files: replayFiles,
              notifications: traffic.notifications.length,
              exchanges: traffic.exchanges.length,
            },
          }
        : {}),
    };
    const profile = args.string('save-profile');
    if (profile) {
      const path = configPath(io.env);
      const config = await readConfig(path);
      config.profiles[profile] = { apiKey: office.api_key, apiSalt: office.api_salt, baseUrl: sb.apiBaseUrl };
      await writeConfig(path, config);
    }
    // Started through npm (`npm start`, `npx mangokit sandbox`), `mangokit` may not be on PATH: the
    // next steps say `npx mangokit`, which finds the project's, the global or the published CLI.
    const mangokit = io.env.npm_command ? 'npx mangokit' : 'mangokit';
    if (ctx.json) writeJsonLine(io.stdout, info);
    else {
      io.stdout.write(
        `mangokit sandbox — a local Virtual PBX (${office.name}: ${info.employees} employees, ${info.groups} groups, lines ${info.lines.join(', ')})\n\n` +
          `  console    ${sb.controlToken ? `${info.console_url}?token=${sb.controlToken}` : info.console_url}\n` +
          (sb.controlToken
            ? `  control    ${info.control_url} needs the token: Authorization: Bearer ${sb.controlToken}\n`
            : '') +
          `  API base   ${info.api_base_url}\n` +
          `  api key    ${info.api_key}\n` +
          `  api salt   ${info.api_salt}\n` +
          `  webhooks   ${webhooks.length ? webhooks.join(', ') : `none (add --webhook URL, e.g. the one \`${mangokit} listen\` prints)`}\n` +
          `  clock      ${clock}${speed ? ` ×${speed}` : ''}${profile ? `\n  profile    saved as "${profile}" (use --profile ${profile})` : ''}\n\n` +
          'In another terminal:\n' +
          `  export MANGO_BASE_URL=${info.api_base_url} MANGO_API_KEY=${info.api_key} MANGO_API_SALT=${info.api_salt}\n` +
          `  ${mangokit} users\n` +
          `  ${mangokit} call ${office.employees.find((e) => e.extension)?.extension ?? '101'} 79261234567\n` +
          `  ${mangokit} trigger incoming --set from=79001234567\n\n` +
          'Ctrl-C to stop.\n',
      );
    }
    // The recorded notifications go out while the sandbox (and its cassette) keeps serving.
    const replaying = replay?.start(sb.deliveries, webhooks);
    await new Promise<void>((r) => {
      if (io.signal.aborted) r();
      else io.signal.addEventListener('abort', () => r(), { once: true });
    });
    if (!ctx.json) io.stderr.write('stopping the sandbox…\n');
    await sb.close();
    await replaying;
    return undefined;
  },
};
