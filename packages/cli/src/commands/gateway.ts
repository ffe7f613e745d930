import { resolve } from 'node:path';
import { resolveCredentials } from '../config/credentials.js';
import type { CommandDetails, OptionSpec } from '../core/command.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { writeJsonLine } from '../core/output.js';
import { t } from '../i18n/index.js';

type GatewayCli = typeof import('@mangokit/gateway/cli');

/**
 * The gateway's option table (`@mangokit/gateway/cli`: light, no database drivers), shared with
 * `mangokit-gateway`. Without the package the command still has its help, and says how to install it.
 */
const cli: GatewayCli | undefined = await import('@mangokit/gateway/cli').catch(() => undefined);

/** The gateway's options as the CLI's, less the credentials (the CLI has its own, with profiles). */
function gatewayOptions(table: GatewayCli | undefined): Record<string, OptionSpec> {
  const out: Record<string, OptionSpec> = {};
  if (!table) return out;
  for (const [name, spec] of Object.entries(table.GATEWAY_CLI_OPTIONS)) {
    if ('credential' in spec) continue;
    out[name] = {
      type: spec.type,
      ...('short' in spec ? { short: spec.short } : {}),
      ...('multiple' in spec ? { multiple: true } : {}),
      value: spec.value,
      ...('values' in spec ? { values: spec.values } : {}),
      complete: 'complete' in spec ? spec.complete : 'none',
      text: spec.text,
    };
  }
  return out;
}

/** Names the missing package (`@mangokit/gateway`, or a database driver) with the command that installs it. */
function missingPackage(err: unknown): ConfigError {
  const missing =
    /Cannot find (?:package|module) '(@mangokit\/gateway|better-sqlite3|pg)'/.exec(
      (err as Error).message,
    )?.[1] ?? '@mangokit/gateway';
  return new ConfigError(
    (m) => m.gateway.needsPackage(missing),
    (m) => m.gateway.installIt(missing),
  );
}

/**
 * `@mangokit/gateway`, loaded on demand: it brings the SQLite (native) and PostgreSQL drivers, so
 * it is an optional peer of the CLI that only this command needs.
 */
async function importGateway(): Promise<typeof import('@mangokit/gateway')> {
  try {
    return await import('@mangokit/gateway');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    throw missingPackage(err);
  }
}

/** `mangokit gateway`: runs `@mangokit/gateway` until Ctrl-C, with `mangokit-gateway`'s options. */
export const gateway: CommandDetails = {
  credentials: true,
  options: gatewayOptions(cli),
  // Without @mangokit/gateway its options are unknown here: `run` names the package to install.
  strict: cli !== undefined,
  moreHelp: () => (cli ? '' : t().gateway.optionMissing),
  examples: [
    'mangokit gateway --port 8080 --forward-to http://localhost:3000/mango/',
    'mangokit gateway --host 0.0.0.0 --admin-token "$GATEWAY_ADMIN_TOKEN" --data-dir /var/lib/mangokit',
    'mangokit gateway --database-url postgres://mango@db/mango --archive-dir /srv/recordings',
    'mangokit gateway --profile work --data-dir /var/lib/mangokit',
  ],
  async run(ctx) {
    const { args, io } = ctx;
    // First: without the package nothing else matters.
    if (!cli) throw missingPackage(new Error(''));
    const { startGateway } = await importGateway();
    const values: Record<string, string | string[]> = {};
    for (const [name, spec] of Object.entries(cli.GATEWAY_CLI_OPTIONS)) {
      if ('multiple' in spec) values[name] = args.list(name);
      else {
        const v = args.string(name);
        if (v !== undefined) values[name] = v;
      }
    }
    let options: ReturnType<GatewayCli['gatewayOptionsFrom']>;
    try {
      options = cli.gatewayOptionsFrom(values, io.env);
    } catch (err) {
      if (err instanceof cli.GatewayCliError) {
        const text = err.text;
        throw new UsageError((m) => text[m.lang]);
      }
      throw err;
    }
    const c = await resolveCredentials(args, io);
    // The API base for recording downloads: --api-base-url, else the credentials' base URL.
    const archive = options.archive
      ? {
          ...options.archive,
          dir: resolve(io.cwd, options.archive.dir),
          ...(options.archive.baseUrl || !c.baseUrl ? {} : { baseUrl: c.baseUrl }),
        }
      : undefined;
    const gw = await startGateway({
      ...options,
      apiKey: c.apiKey,
      apiSalt: c.apiSalt,
      ...(options.dataDir ? { dataDir: resolve(io.cwd, options.dataDir) } : {}),
      ...(archive ? { archive } : {}),
    });
    const consumers = (options.consumers ?? []).map((x) => (typeof x === 'string' ? x : x.url));
    const info = {
      url: gw.url,
      store: options.databaseUrl ? 'postgresql' : 'sqlite',
      forwarding: consumers,
      archive: archive?.dir ?? null,
    };
    const m = t().gateway;
    if (ctx.json) writeJsonLine(io.stdout, info);
    else {
      io.stdout.write(
        `${m.listening(gw.url)}\n` +
          `  ${m.store}: ${info.store}${consumers.length ? `\n  ${m.forwardingTo}: ${consumers.join(', ')}` : ''}` +
          `${archive ? `\n  ${m.archivingTo}: ${archive.dir}` : ''}\n${m.stopHint}\n`,
      );
    }
    await new Promise<void>((r) => {
      if (io.signal.aborted) r();
      else io.signal.addEventListener('abort', () => r(), { once: true });
    });
    io.stderr.write(`${m.stopping}\n`);
    await gw.close();
    return undefined;
  },
};
