import { resolve } from 'node:path';
import { resolveCredentials } from '../config/credentials.js';
import type { CommandDetails } from '../core/command.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { writeJsonLine } from '../core/output.js';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/**
 * `@mangokit/gateway`, loaded on demand: it brings the SQLite (native) and PostgreSQL drivers, so
 * it is an optional peer of the CLI that only this command needs. Missing, it is named with the
 * command that installs it.
 */
async function importGateway(): Promise<typeof import('@mangokit/gateway')> {
  try {
    return await import('@mangokit/gateway');
  } catch (err) {
    const missing = /Cannot find (?:package|module) '(@mangokit\/gateway|better-sqlite3|pg)'/.exec(
      (err as Error).message,
    )?.[1];
    if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND' || !missing) throw err;
    throw new ConfigError(
      `mangokit gateway needs the ${missing} package, which is not installed`,
      `Install it where the CLI is: \`npm i -g ${missing}\` beside a global mangokit, or \`npm i ${missing}\` ` +
        'in a project (with npx: `npx -p @mangokit/cli -p @mangokit/gateway mangokit gateway …`).',
    );
  }
}

/** `mangokit gateway`: runs `@mangokit/gateway` until Ctrl-C. */
export const gateway: CommandDetails = {
  description:
    'Starts @mangokit/gateway: every notification is verified and stored (SQLite, or PostgreSQL\n' +
    'with --database-url) before it is answered 200, folded into calls, forwarded to consumers with\n' +
    'retries, and recordings are archived with --archive-dir. Stops cleanly on Ctrl-C.',
  credentials: true,
  options: {
    port: { type: 'string', short: 'p', value: 'N', description: 'port (default 8080; 0 = any free port)' },
    host: {
      type: 'string',
      value: 'ADDR',
      description: 'interface to bind (default 127.0.0.1; any other address needs --admin-token)',
    },
    'data-dir': {
      type: 'string',
      value: 'DIR',
      description: 'SQLite data directory (default ./mangokit-gateway-data)',
    },
    'database-url': {
      type: 'string',
      value: 'URL',
      description: 'PostgreSQL URL (several gateways may share it)',
    },
    'forward-to': {
      type: 'string',
      multiple: true,
      value: 'URL',
      description: 'forward each event to URL (repeatable)',
    },
    'archive-dir': { type: 'string', value: 'DIR', description: 'archive ready recordings into DIR' },
    'base-path': {
      type: 'string',
      value: 'PATH',
      description: 'path prefix the PBX posts under (default /)',
    },
    'admin-token': {
      type: 'string',
      value: 'TOKEN',
      description:
        'bearer token for the admin API (env MANGOKIT_GATEWAY_TOKEN or GATEWAY_ADMIN_TOKEN); required off loopback',
    },
    'log-level': { type: 'string', value: 'LEVEL', description: 'debug, info (default), warn or error' },
  },
  examples: [
    'mangokit gateway --port 8080 --forward-to http://localhost:3000/mango/',
    'mangokit gateway --host 0.0.0.0 --admin-token "$GATEWAY_ADMIN_TOKEN" --data-dir /var/lib/mangokit',
    'mangokit gateway --database-url postgres://mango@db/mango --archive-dir /srv/recordings',
    'mangokit gateway --profile work --data-dir /var/lib/mangokit',
  ],
  async run(ctx) {
    const { args, io } = ctx;
    // First: without the package nothing else matters.
    const { startGateway } = await importGateway();
    const c = await resolveCredentials(args, io);
    const port = args.integer('port', 0, 65535) ?? 8080;
    const level = args.string('log-level') ?? 'info';
    if (!(LEVELS as readonly string[]).includes(level)) {
      throw new UsageError(`--log-level must be one of ${LEVELS.join(', ')}`);
    }
    const consumers = args.list('forward-to');
    for (const u of consumers) {
      try {
        new URL(u);
      } catch {
        throw new UsageError(`--forward-to "${u}" is not a URL`);
      }
    }
    const dataDir = args.string('data-dir');
    const archiveDir = args.string('archive-dir');
    const databaseUrl = args.string('database-url');
    const host = args.string('host');
    const basePath = args.string('base-path');
    const adminToken =
      args.string('admin-token') ?? io.env.MANGOKIT_GATEWAY_TOKEN ?? io.env.GATEWAY_ADMIN_TOKEN;
    const gw = await startGateway({
      apiKey: c.apiKey,
      apiSalt: c.apiSalt,
      port,
      ...(host ? { host } : {}),
      ...(databaseUrl ? { databaseUrl } : { dataDir: resolve(io.cwd, dataDir ?? 'mangokit-gateway-data') }),
      ...(consumers.length ? { consumers } : {}),
      ...(archiveDir
        ? { archive: { dir: resolve(io.cwd, archiveDir), ...(c.baseUrl ? { baseUrl: c.baseUrl } : {}) } }
        : {}),
      ...(basePath ? { basePath } : {}),
      ...(adminToken ? { adminToken } : {}),
      logger: level as (typeof LEVELS)[number],
    });
    const info = {
      url: gw.url,
      store: databaseUrl ? 'postgresql' : 'sqlite',
      forwarding: consumers,
      archive: archiveDir ?? null,
    };
    if (ctx.json) writeJsonLine(io.stdout, info);
    else {
      io.stdout.write(
        `gateway listening on ${gw.url}/ — point the PBX's integrator URL here (events/call, …)\n` +
          `  store: ${info.store}${consumers.length ? `\n  forwarding to: ${consumers.join(', ')}` : ''}` +
          `${archiveDir ? `\n  archiving recordings to: ${archiveDir}` : ''}\nCtrl-C to stop.\n`,
      );
    }
    await new Promise<void>((r) => {
      if (io.signal.aborted) r();
      else io.signal.addEventListener('abort', () => r(), { once: true });
    });
    io.stderr.write('stopping the gateway…\n');
    await gw.close();
    return undefined;
  },
};
