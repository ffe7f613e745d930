#!/usr/bin/env node
// The package's own binary: `mangokit-gateway --port 8080 --data-dir ./data --consumer http://crm/hook`.
import { parseArgs } from 'node:util';
import { startGateway } from './gateway.js';
import type { LogLevel } from './observability/logger.js';

const USAGE = `mangokit-gateway — durable MANGO OFFICE webhook receiver

Options (environment fallbacks in brackets):
  --port <n>              listen port (8080) [PORT]
  --host <addr>           bind address (127.0.0.1) [HOST]; any other address needs --admin-token
  --data-dir <dir>        SQLite data directory (./mangokit-gateway-data) [GATEWAY_DATA_DIR]
  --database-url <url>    PostgreSQL instead of SQLite [DATABASE_URL]
  --base-path <path>      path prefix the PBX posts under (/)
  --consumer <url>        forward events to this URL (repeatable)
  --max-attempts <n>      delivery attempts before a dead letter (10)
  --retry-backoff-ms <n>  first retry delay of a delivery (1000)
  --archive-dir <dir>     download ready recordings into this directory
  --api-base-url <url>    API base URL for recording downloads [MANGO_BASE_URL]
  --archive-allow-host <host>  a host recording downloads may be redirected to, besides the
                          API's and files.mango-office.ru (repeatable)
  --admin-token <token>   bearer token for the REST/SSE/metrics endpoints [GATEWAY_ADMIN_TOKEN];
                          required unless --host is loopback (e.g. openssl rand -hex 24)
  --max-streams <n>       open /stream connections before 503 (1000)
  --sqlite-sync <FULL|NORMAL>  SQLite durability (FULL)
  --instance-id <name>    stable name of this instance in leases and logs [GATEWAY_INSTANCE_ID]
  --log-level <level>     debug | info | warn | error (info)
Credentials: MANGO_API_KEY and MANGO_API_SALT (or --api-key / --api-salt).`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    'base-path': { type: 'string' },
    consumer: { type: 'string', multiple: true },
    'archive-dir': { type: 'string' },
    'archive-allow-host': { type: 'string', multiple: true },
    'max-attempts': { type: 'string' },
    'retry-backoff-ms': { type: 'string' },
    'api-base-url': { type: 'string' },
    'admin-token': { type: 'string' },
    'max-streams': { type: 'string' },
    'api-key': { type: 'string' },
    'api-salt': { type: 'string' },
    'sqlite-sync': { type: 'string' },
    'log-level': { type: 'string' },
    'instance-id': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const env = process.env;
const sync = (values['sqlite-sync'] ?? 'FULL').toUpperCase();
if (sync !== 'FULL' && sync !== 'NORMAL') {
  console.error('--sqlite-sync must be FULL or NORMAL');
  process.exit(2);
}
const archiveDir = values['archive-dir'];
const apiBaseUrl = values['api-base-url'] ?? env.MANGO_BASE_URL;
try {
  const gateway = await startGateway({
    port: Number(values.port ?? env.PORT ?? 8080),
    host: values.host ?? env.HOST ?? '127.0.0.1',
    apiKey: values['api-key'] ?? env.MANGO_API_KEY,
    apiSalt: values['api-salt'] ?? env.MANGO_API_SALT,
    dataDir: values['data-dir'] ?? env.GATEWAY_DATA_DIR,
    databaseUrl: values['database-url'] ?? env.DATABASE_URL,
    basePath: values['base-path'],
    consumers: (values.consumer ?? []).map((url) => ({
      url,
      ...(values['max-attempts'] ? { maxAttempts: Number(values['max-attempts']) } : {}),
      ...(values['retry-backoff-ms'] ? { backoffMs: Number(values['retry-backoff-ms']) } : {}),
    })),
    archive: archiveDir
      ? {
          dir: archiveDir,
          ...(apiBaseUrl ? { baseUrl: apiBaseUrl } : {}),
          ...(values['archive-allow-host'] ? { allowHosts: values['archive-allow-host'] } : {}),
        }
      : undefined,
    adminToken: values['admin-token'] ?? env.GATEWAY_ADMIN_TOKEN,
    ...(values['max-streams'] ? { maxStreams: Number(values['max-streams']) } : {}),
    sqliteSynchronous: sync,
    logger: (values['log-level'] ?? 'info') as LogLevel,
    instanceId: values['instance-id'] ?? env.GATEWAY_INSTANCE_ID,
  });
  console.log(`listening ${gateway.url}`);
  const stop = () => {
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (err) {
  console.error(`mangokit-gateway: ${(err as Error).message}`);
  process.exit(1);
}
