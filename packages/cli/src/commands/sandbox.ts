import { resolve } from 'node:path';
import { configPath, readConfig, writeConfig } from '../config/configFile.js';
import type { CommandDetails } from '../core/command.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { saveEmployees } from '../config/cache.js';
import { writeJsonLine } from '../core/output.js';
import { type Catalogue, english, language, t } from '../i18n/index.js';

/** `mangokit sandbox`: a local Virtual PBX with its console, until Ctrl-C. */
export const sandbox: CommandDetails = {
  options: {
    port: { type: 'string', short: 'p', value: 'N', complete: 'none' },
    host: { type: 'string', value: 'ADDR', values: ['127.0.0.1', '0.0.0.0'] },
    'control-token': { type: 'string', value: 'TOKEN', complete: 'none' },
    office: { type: 'string', value: 'FILE|NAME', complete: 'file' },
    webhook: { type: 'string', multiple: true, value: 'URL', complete: 'none' },
    clock: { type: 'string', value: 'MODE', values: ['real', 'manual'] },
    speed: { type: 'string', value: 'X', complete: 'none' },
    'no-limits': { type: 'boolean' },
    shuffle: { type: 'boolean' },
    'save-profile': { type: 'string', value: 'NAME', complete: 'profile' },
    replay: { type: 'string', multiple: true, value: 'FILE', complete: 'file' },
    'ignore-param': { type: 'string', multiple: true, value: 'NAME', complete: 'none' },
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
        throw new UsageError(
          (m) => m.usage.notUrl('--webhook', u),
          (m) => m.usage.example('--webhook http://127.0.0.1:8080/'),
        );
      }
    }
    const clock = args.string('clock') ?? 'real';
    if (clock !== 'real' && clock !== 'manual') throw new UsageError((m) => m.sandbox.badClock(clock));
    const speedText = args.string('speed');
    const replayFiles = args.list('replay');
    // With --replay, --speed also paces the replay and may be `max`; the clock keeps a number.
    const replayModule = replayFiles.length > 0 ? await import('../replay/replay.js') : undefined;
    const replaySpeed = replayModule?.replaySpeed(speedText);
    const speed = speedText === undefined || speedText === 'max' ? undefined : Number(speedText);
    if (speed !== undefined && !(speed > 0)) throw new UsageError((m) => m.sandbox.badSpeed(speedText ?? ''));
    if (speedText === 'max' && !replayModule) throw new UsageError((m) => m.sandbox.maxNeedsReplay);
    if (args.list('ignore-param').length > 0 && !replayModule)
      throw new UsageError(
        (m) => m.sandbox.ignoreNeedsReplay,
        (m) => m.sandbox.addReplay,
      );
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
      lang: language(),
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
    }).catch((err: NodeJS.ErrnoException & { issues?: OfficeProblem[] }) => {
      if (err.code === 'EADDRINUSE') {
        throw new UsageError(
          (m) => m.usage.portInUse(port),
          (m) => m.usage.pickPort,
        );
      }
      if (err.code === 'ENOENT') {
        throw new ConfigError(
          (m) => m.sandbox.officeNotFound(officeFile ?? ''),
          (m) => m.sandbox.checkOfficePath,
        );
      }
      if (err.name === 'OfficeValidationError' && err.issues) {
        const issues = err.issues;
        throw new ConfigError(
          (m) => m.sandbox.cannotLoadOffice(describeOfficeProblems(officeFile ?? 'office', issues, m)),
          (m) => m.sandbox.startFromDemo,
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
      // The office's extensions complete in the shell at once (`mangokit completion`).
      await saveEmployees(
        io.env,
        { apiKey: office.api_key, baseUrl: sb.apiBaseUrl },
        office.employees
          .filter((e) => e.extension)
          .map((e) => ({ extension: String(e.extension), name: e.name })),
      ).catch(() => {});
    }
    // Started through npm (`npm start`, `npx mangokit sandbox`), `mangokit` may not be on PATH: the
    // next steps say `npx mangokit`, which finds the project's, the global or the published CLI.
    const mangokit = io.env.npm_command ? 'npx mangokit' : 'mangokit';
    const m = t().sandbox;
    if (ctx.json) writeJsonLine(io.stdout, info);
    else {
      const rows: [string, string][] = [
        [m.console, sb.controlToken ? `${info.console_url}?token=${sb.controlToken}` : info.console_url],
        ...(sb.controlToken
          ? [[m.control, m.controlNeedsToken(info.control_url, sb.controlToken)] as [string, string]]
          : []),
        [m.apiBase, info.api_base_url],
        [m.apiKey, info.api_key],
        [m.apiSalt, info.api_salt],
        [m.webhooks, webhooks.length ? webhooks.join(', ') : m.noWebhooks(mangokit)],
        [m.clock, `${m.clockModes[clock]}${speed ? ` ×${speed}` : ''}`],
        ...(profile ? [[m.profile, m.profileSaved(profile)] as [string, string]] : []),
      ];
      const width = Math.max(...rows.map(([label]) => label.length));
      io.stdout.write(
        `${m.banner(office.name, info.employees, info.groups, info.lines.join(', '))}\n\n` +
          rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}\n`).join('') +
          `\n${m.nextSteps}\n` +
          `  export MANGO_BASE_URL=${info.api_base_url} MANGO_API_KEY=${info.api_key} MANGO_API_SALT=${info.api_salt}\n` +
          `  ${mangokit} users\n` +
          `  ${mangokit} call ${office.employees.find((e) => e.extension)?.extension ?? '101'} 79261234567\n` +
          `  ${mangokit} trigger incoming --set from=79001234567\n\n` +
          `${m.stopHint}\n`,
      );
    }
    // The recorded notifications go out while the sandbox (and its cassette) keeps serving.
    const replaying = replay?.start(sb.deliveries, webhooks);
    await new Promise<void>((r) => {
      if (io.signal.aborted) r();
      else io.signal.addEventListener('abort', () => r(), { once: true });
    });
    if (!ctx.json) io.stderr.write(`${m.stopping}\n`);
    await sb.close();
    await replaying;
    return undefined;
  },
};

/** One problem of an office file, as the sandbox reports it (with its Russian wording). */
interface OfficeProblem {
  path: string;
  message: string;
  message_ru?: string;
}

/** The problems of an office file, the first ten listed, in the language of `m`. */
function describeOfficeProblems(source: string, issues: readonly OfficeProblem[], m: Catalogue): string {
  const russian = m !== english;
  const lines = issues
    .slice(0, 10)
    .map((i) => `  ${i.path || '(root)'}: ${(russian && i.message_ru) || i.message}`);
  if (issues.length > 10) lines.push(`  ${m.sandbox.moreOfficeProblems(issues.length - 10)}`);
  return `${m.sandbox.officeProblems(source, issues.length)}\n${lines.join('\n')}`;
}
